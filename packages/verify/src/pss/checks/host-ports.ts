import { containersOf, itemsOf, joinQuote, pluralize, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** HostPorts should be disallowed entirely: `ports[*].hostPort` must be unset or 0. */
const hostPortsV1Dot0: CheckPod = (_metadata, spec) => {
  const badContainers: string[] = [];
  const ports: string[] = [];
  for (const container of containersOf(spec)) {
    const used = itemsOf(container.ports)
      .map((port) => port.hostPort)
      .filter((hostPort) => hostPort != null && hostPort !== 0);
    if (used.length > 0) {
      badContainers.push(container.name);
      ports.push(...used.map(String));
    }
  }
  if (badContainers.length === 0) return allowed;
  const forbidden = sortedSet(ports);
  return {
    allowed: false,
    reason: 'hostPort',
    detail: [
      pluralize('container', 'containers', badContainers.length),
      joinQuote(badContainers),
      pluralize('uses', 'use', badContainers.length),
      pluralize('hostPort', 'hostPorts', forbidden.length),
      forbidden.join(', '),
    ].join(' '),
  };
};

export const hostPorts: Check = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: hostPortsV1Dot0 }],
};
