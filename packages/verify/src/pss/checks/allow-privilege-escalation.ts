import { containerNames, containersOf, isWindowsPod } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Privilege escalation (setuid binaries) must be off: every container sets it to false. */
const allowPrivilegeEscalationV1Dot8: CheckPod = (_metadata, spec) => {
  const bad = containersOf(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  if (bad.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containerNames(bad)} must set securityContext.allowPrivilegeEscalation=false`,
  };
};

/** From v1.25 Windows pods are exempt: the field does not exist there. */
const allowPrivilegeEscalationV1Dot25: CheckPod = (metadata, spec) =>
  isWindowsPod(spec) ? allowed : allowPrivilegeEscalationV1Dot8(metadata, spec);

export const allowPrivilegeEscalation: Check = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    // The field was added in Kubernetes 1.8.
    { minimumVersion: 8, checkPod: allowPrivilegeEscalationV1Dot8 },
    { minimumVersion: 25, checkPod: allowPrivilegeEscalationV1Dot25 },
  ],
};
