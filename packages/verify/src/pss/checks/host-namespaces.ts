import { allowed, type Check, type CheckPod } from '../types.ts';

/** Sharing the host's network, PID or IPC namespace must be disallowed. */
const hostNamespacesV1Dot0: CheckPod = (_metadata, spec) => {
  const shared = (['hostNetwork', 'hostPID', 'hostIPC'] as const)
    .filter((field) => spec[field] === true)
    .map((field) => `${field}=true`);
  if (shared.length === 0) return allowed;
  return { allowed: false, reason: 'host namespaces', detail: shared.join(', ') };
};

export const hostNamespaces: Check = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: hostNamespacesV1Dot0 }],
};
