import { containerNames, containersOf, isWindowsPod } from '../helpers.ts';
import { joinQuote, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE. */
const capabilitiesRestrictedV1Dot22: CheckPod = (_metadata, spec) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  for (const container of containersOf(spec)) {
    const capabilities = container.securityContext?.capabilities;
    const drop: unknown = capabilities?.drop;
    const add: unknown = capabilities?.add;
    if (!Array.isArray(drop) || !drop.includes('ALL')) missingDropAll.push(container.name);
    const extra = (Array.isArray(add) ? add : []).filter((c) => c !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      addingForbidden.push(container.name);
      forbidden.push(...extra.map(String));
    }
  }
  const details = [
    ...(missingDropAll.length > 0
      ? [`${containerNames(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`]
      : []),
    ...(addingForbidden.length > 0
      ? [
          `${containerNames(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
        ]
      : []),
  ];
  if (details.length === 0) return allowed;
  return { allowed: false, reason: 'unrestricted capabilities', detail: details.join('; ') };
};

/** From v1.25 Windows pods are exempt: Linux capabilities do not exist there. */
const capabilitiesRestrictedV1Dot25: CheckPod = (metadata, spec) =>
  isWindowsPod(spec) ? allowed : capabilitiesRestrictedV1Dot22(metadata, spec);

const overrides = ['capabilities_baseline'];

export const capabilitiesRestricted: Check = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 22, checkPod: capabilitiesRestrictedV1Dot22, overrides },
    { minimumVersion: 25, checkPod: capabilitiesRestrictedV1Dot25, overrides },
  ],
};
