import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { namespaceOf } from '../../manifests/index.ts';
import type { Rule } from '../rule.ts';

export const replicasUnderAutoscaler: Rule = {
  id: 'replicas-under-autoscaler',
  severity: 'error',
  reason:
    'An HPA owns the replica count of the workload it scales. A manifest that names one too is applied over it on every deploy, scaling the workload back in the middle of a load peak.',
  fix: 'remove spec.replicas from the workload (a JSON patch `op: remove`), and let the HPA decide',
  check: (objects) =>
    objects
      .filter((object) => object.kind === 'HorizontalPodAutoscaler')
      .flatMap((hpa) => {
        const spec = hpa.spec as IHorizontalPodAutoscaler['spec'] | undefined;
        const target = spec?.scaleTargetRef;
        const scaled = objects.find(
          (object) =>
            object.kind === target?.kind &&
            object.metadata?.name === target.name &&
            namespaceOf(object) === namespaceOf(hpa),
        );
        const replicas = (scaled?.spec as { replicas?: number } | undefined)?.replicas;
        if (scaled === undefined || replicas === undefined) return [];
        return [
          {
            object: scaled,
            path: ['spec', 'replicas'],
            message: `HorizontalPodAutoscaler "${hpa.metadata?.name ?? ''}" scales this ${scaled.kind}, which names ${replicas} replicas too`,
          },
        ];
      }),
};
