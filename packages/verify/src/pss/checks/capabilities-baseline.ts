import { containerNames, containersOf, joinQuote, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** The container runtime's default capability set: adding anything else is forbidden. */
const defaultCapabilities = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Adding NET_RAW or capabilities beyond the default set must be disallowed. */
const capabilitiesBaselineV1Dot0: CheckPod = (_metadata, spec) => {
  const badContainers: string[] = [];
  const added: string[] = [];
  for (const container of containersOf(spec)) {
    const add = container.securityContext?.capabilities?.add;
    const extra = (Array.isArray(add) ? add : []).filter((c) => !defaultCapabilities.has(c));
    if (extra.length > 0) {
      badContainers.push(container.name);
      added.push(...extra.map(String));
    }
  }
  if (badContainers.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'non-default capabilities',
    detail: `${containerNames(badContainers)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`,
  };
};

export const capabilitiesBaseline: Check = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: capabilitiesBaselineV1Dot0 }],
};
