import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.ts';
import { appArmorProfile } from './checks/app-armor-profile.ts';
import { capabilitiesBaseline } from './checks/capabilities-baseline.ts';
import { capabilitiesRestricted } from './checks/capabilities-restricted.ts';
import { hostNamespaces } from './checks/host-namespaces.ts';
import { hostPathVolumes } from './checks/host-path-volumes.ts';
import { hostPorts } from './checks/host-ports.ts';
import { hostProbesAndHostLifecycle } from './checks/host-probes-and-host-lifecycle.ts';
import { privileged } from './checks/privileged.ts';
import { procMountRestricted } from './checks/proc-mount-restricted.ts';
import { procMount } from './checks/proc-mount.ts';
import { restrictedVolumes } from './checks/restricted-volumes.ts';
import { runAsNonRoot } from './checks/run-as-non-root.ts';
import { runAsUser } from './checks/run-as-user.ts';
import { seLinuxOptions } from './checks/se-linux-options.ts';
import { seccompProfileBaseline } from './checks/seccomp-profile-baseline.ts';
import { seccompProfileRestricted } from './checks/seccomp-profile-restricted.ts';
import { sysctls } from './checks/sysctls.ts';
import { windowsHostProcess } from './checks/windows-host-process.ts';
import type { Check, CheckPod, Level } from './types.ts';

/** Every check of the upstream library, baseline first, each group in upstream's (sorted) order. */
export const checks: readonly Check[] = [
  ...[
    appArmorProfile,
    capabilitiesBaseline,
    hostNamespaces,
    hostPathVolumes,
    hostPorts,
    hostProbesAndHostLifecycle,
    privileged,
    procMount,
    seLinuxOptions,
    seccompProfileBaseline,
    sysctls,
    windowsHostProcess,
  ].sort(byId),
  ...[
    allowPrivilegeEscalation,
    capabilitiesRestricted,
    procMountRestricted,
    restrictedVolumes,
    runAsNonRoot,
    runAsUser,
    seccompProfileRestricted,
  ].sort(byId),
];

function byId(a: Check, b: Check): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A check revision in force at one policy version. */
export interface ActiveCheck {
  id: string;
  checkPod: CheckPod;
}

const cache = new Map<string, ActiveCheck[]>();

/**
 * The checks that apply at `level` and policy version `v1.<minor>`: each check's newest revision
 * not newer than the version. At restricted, the baseline checks run too, except those a
 * restricted revision in force overrides (upstream's OverrideCheckIDs).
 * @example checksAt('restricted', 25).map((c) => c.id)
 */
export function checksAt(level: Level, minor: number): readonly ActiveCheck[] {
  const key = `${level}/${minor}`;
  let active = cache.get(key);
  if (active === undefined) {
    const inForce = checks.flatMap((check) => {
      if (level === 'baseline' && check.level !== 'baseline') return [];
      const revision = check.versions.findLast((v) => v.minimumVersion <= minor);
      return revision === undefined ? [] : [{ check, revision }];
    });
    const overridden = new Set(inForce.flatMap(({ revision }) => revision.overrides ?? []));
    active = inForce
      .filter(({ check }) => check.level === 'restricted' || !overridden.has(check.id))
      .map(({ check, revision }) => ({ id: check.id, checkPod: revision.checkPod }));
    cache.set(key, active);
  }
  return active;
}
