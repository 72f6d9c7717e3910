import type { Rule } from '../rule.ts';
import { podTemplates } from '../workloads.ts';

export const hostPath: Rule = {
  id: 'host-path',
  severity: 'error',
  reason:
    'A hostPath volume reaches the node filesystem: one compromised pod can read other pods’ data or the kubelet’s credentials.',
  fix: 'use an emptyDir, a ConfigMap/Secret/projected volume or a PersistentVolumeClaim instead',
  check: (objects) =>
    podTemplates(objects).flatMap(({ object, spec, path }) =>
      (spec.volumes ?? []).flatMap((volume, index) =>
        volume.hostPath === undefined
          ? []
          : [
              {
                object,
                path: [...path, 'volumes', index, 'hostPath'],
                message: `volume "${volume.name}" mounts ${volume.hostPath.path} from the node`,
              },
            ],
      ),
    ),
};
