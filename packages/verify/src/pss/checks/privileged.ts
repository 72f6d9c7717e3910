import { containerNames, containersOf } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Privileged containers disable most security mechanisms: `securityContext.privileged` must not be true. */
const privilegedV1Dot0: CheckPod = (_metadata, spec) => {
  const bad = containersOf(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) => c.name);
  if (bad.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'privileged',
    detail: `${containerNames(bad)} must not set securityContext.privileged=true`,
  };
};

export const privileged: Check = {
  id: 'privileged',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: privilegedV1Dot0 }],
};
