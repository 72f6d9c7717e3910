import type { ISELinuxOptions } from 'kubernetes-models/v1/SELinuxOptions';
import { containerNames, containersOf, joinQuote, pluralize, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

const allowedTypesV1Dot0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const allowedTypesV1Dot31 = new Set([...allowedTypesV1Dot0, 'container_engine_t']);

/** Setting a custom SELinux user or role is forbidden; the type only from an allow-list. */
function seLinuxOptionsCheck(allowedTypes: ReadonlySet<string>): CheckPod {
  const badType = (options: ISELinuxOptions) => !allowedTypes.has(options.type ?? '');
  const isBad = (options: ISELinuxOptions | undefined): options is ISELinuxOptions =>
    options != null && (badType(options) || Boolean(options.user) || Boolean(options.role));

  return (_metadata, spec) => {
    const podOptions = spec.securityContext?.seLinuxOptions;
    const badContainers = containersOf(spec).filter((c) =>
      isBad(c.securityContext?.seLinuxOptions),
    );
    const badOptions = [
      ...(isBad(podOptions) ? [podOptions] : []),
      ...badContainers.flatMap((c) => c.securityContext?.seLinuxOptions ?? []),
    ];
    if (badOptions.length === 0) return allowed;

    const badSetters = [
      ...(isBad(podOptions) ? ['pod'] : []),
      ...(badContainers.length > 0 ? [containerNames(badContainers.map((c) => c.name))] : []),
    ];
    const types = sortedSet(badOptions.filter(badType).map((options) => options.type ?? ''));
    const problems = [
      ...(types.length > 0
        ? [`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`]
        : []),
      ...(badOptions.some((options) => Boolean(options.user)) ? ['user may not be set'] : []),
      ...(badOptions.some((options) => Boolean(options.role)) ? ['role may not be set'] : []),
    ];
    return {
      allowed: false,
      reason: 'seLinuxOptions',
      detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
    };
  };
}

export const seLinuxOptions: Check = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: seLinuxOptionsCheck(allowedTypesV1Dot0) },
    { minimumVersion: 31, checkPod: seLinuxOptionsCheck(allowedTypesV1Dot31) },
  ],
};
