import type { IVolume } from 'kubernetes-models/v1/Volume';
import { itemsOf, joinQuote, pluralize, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Inline volume sources a restricted pod may use. */
const allowedSources: readonly (keyof IVolume)[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** The forbidden sources upstream names, in its order; anything else is reported as "unknown". */
const restrictedSources: readonly (keyof IVolume)[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function isSet(volume: IVolume, source: keyof IVolume): boolean {
  return volume[source] != null;
}

/** Restricted pods may only use volume types that do not reach the host or node storage directly. */
const restrictedVolumesV1Dot0: CheckPod = (_metadata, spec) => {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const volume of itemsOf(spec.volumes)) {
    if (allowedSources.some((source) => isSet(volume, source))) continue;
    const restricted = restrictedSources.find((source) => isSet(volume, source));
    // A volume naming no source at all is defaulted to emptyDir by the API server
    // (SetDefaults_Volume) before admission sees it; upstream's fixtures rely on that.
    const otherSource = Object.entries(volume).some(
      ([key, value]) => key !== 'name' && value != null,
    );
    if (restricted === undefined && !otherSource) continue;
    badVolumes.push(volume.name);
    badTypes.push(restricted ?? 'unknown');
  }
  if (badVolumes.length === 0) return allowed;
  const types = sortedSet(badTypes);
  return {
    allowed: false,
    reason: 'restricted volume types',
    detail: [
      pluralize('volume', 'volumes', badVolumes.length),
      joinQuote(badVolumes),
      pluralize('uses', 'use', badVolumes.length),
      pluralize('restricted volume type', 'restricted volume types', types.length),
      joinQuote(types),
    ].join(' '),
  };
};

export const restrictedVolumes: Check = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [
    { minimumVersion: 0, checkPod: restrictedVolumesV1Dot0, overrides: ['hostPathVolumes'] },
  ],
};
