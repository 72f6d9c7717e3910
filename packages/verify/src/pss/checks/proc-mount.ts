import { containerNames, containersOf, inUserNamespace, joinQuote } from '../helpers.ts';
import { sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** The default /proc masks reduce the attack surface: `procMount` must be unset or Default. */
export const procMountV1Dot0: CheckPod = (_metadata, spec) => {
  const badContainers: string[] = [];
  const types: string[] = [];
  for (const container of containersOf(spec)) {
    const procMount = container.securityContext?.procMount;
    if (procMount != null && procMount !== 'Default') {
      badContainers.push(container.name);
      types.push(procMount);
    }
  }
  if (badContainers.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'procMount',
    detail: `${containerNames(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
  };
};

/** From v1.35 a pod in a user namespace (`hostUsers: false`) may set any procMount. */
const procMountV1Dot35: CheckPod = (metadata, spec) =>
  inUserNamespace(spec) ? allowed : procMountV1Dot0(metadata, spec);

export const procMount: Check = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: procMountV1Dot0 },
    { minimumVersion: 35, checkPod: procMountV1Dot35 },
  ],
};
