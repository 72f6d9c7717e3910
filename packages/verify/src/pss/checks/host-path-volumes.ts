import { itemsOf, joinQuote, pluralize } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** HostPath volumes must be forbidden. */
const hostPathVolumesV1Dot0: CheckPod = (_metadata, spec) => {
  const bad = itemsOf(spec.volumes)
    .filter((v) => v.hostPath != null)
    .map((v) => v.name);
  if (bad.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
  };
};

export const hostPathVolumes: Check = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: hostPathVolumesV1Dot0 }],
};
