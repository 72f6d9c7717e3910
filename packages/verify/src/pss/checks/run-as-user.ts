import { containerNames, containersOf, inUserNamespace } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Neither the pod nor a container may set runAsUser=0. */
const runAsUserV1Dot23: CheckPod = (_metadata, spec) => {
  const badSetters: string[] = [];
  if (spec.securityContext?.runAsUser === 0) badSetters.push('pod');
  const badContainers = containersOf(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name);
  if (badContainers.length > 0) badSetters.push(containerNames(badContainers));
  if (badSetters.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'runAsUser=0',
    detail: `${badSetters.join(' and ')} must not set runAsUser=0`,
  };
};

/** From v1.35 a pod in a user namespace (`hostUsers: false`) may run as UID 0 inside it. */
const runAsUserV1Dot35: CheckPod = (metadata, spec) =>
  inUserNamespace(spec) ? allowed : runAsUserV1Dot23(metadata, spec);

export const runAsUser: Check = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimumVersion: 23, checkPod: runAsUserV1Dot23 },
    { minimumVersion: 35, checkPod: runAsUserV1Dot35 },
  ],
};
