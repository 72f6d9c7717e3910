import { itemsOf } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Namespaced sysctls isolated from other pods; the safe set grows with the policy version. */
const allowedV1Dot0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const allowedV1Dot27 = [...allowedV1Dot0, 'net.ipv4.ip_local_reserved_ports'];
const allowedV1Dot29 = [
  ...allowedV1Dot27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const allowedV1Dot32 = [...allowedV1Dot29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const allowedV1Dot37 = [
  ...allowedV1Dot32,
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
];

/** Sysctls can disable security mechanisms or affect the whole host: only the safe set. */
function sysctlsCheck(safe: readonly string[]): CheckPod {
  const allowedNames = new Set(safe);
  return (_metadata, spec) => {
    const forbidden = itemsOf(spec.securityContext?.sysctls)
      .map((sysctl) => sysctl.name)
      .filter((name) => !allowedNames.has(name));
    if (forbidden.length === 0) return allowed;
    return { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', ') };
  };
}

export const sysctls: Check = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: sysctlsCheck(allowedV1Dot0) },
    { minimumVersion: 27, checkPod: sysctlsCheck(allowedV1Dot27) },
    { minimumVersion: 29, checkPod: sysctlsCheck(allowedV1Dot29) },
    { minimumVersion: 32, checkPod: sysctlsCheck(allowedV1Dot32) },
    { minimumVersion: 37, checkPod: sysctlsCheck(allowedV1Dot37) },
  ],
};
