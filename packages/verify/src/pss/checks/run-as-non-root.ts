import { containerNames, containersOf, inUserNamespace } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Containers must run as non-root: pod or every container sets runAsNonRoot=true, none false. */
const runAsNonRootV1Dot0: CheckPod = (_metadata, spec) => {
  const badSetters: string[] = [];
  const podValue = spec.securityContext?.runAsNonRoot;
  if (podValue === false) badSetters.push('pod');
  const podRunAsNonRoot = podValue === true;

  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of containersOf(spec)) {
    const value = container.securityContext?.runAsNonRoot;
    if (value != null) {
      if (!value) explicitlyBad.push(container.name);
    } else if (!podRunAsNonRoot) {
      implicitlyBad.push(container.name);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containerNames(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      allowed: false,
      reason: 'runAsNonRoot != true',
      detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containerNames(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    };
  }
  return allowed;
};

/** From v1.35 a pod in a user namespace (`hostUsers: false`) is exempt: root there is not host root. */
const runAsNonRootV1Dot35: CheckPod = (metadata, spec) =>
  inUserNamespace(spec) ? allowed : runAsNonRootV1Dot0(metadata, spec);

export const runAsNonRoot: Check = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimumVersion: 0, checkPod: runAsNonRootV1Dot0 },
    { minimumVersion: 35, checkPod: runAsNonRootV1Dot35 },
  ],
};
