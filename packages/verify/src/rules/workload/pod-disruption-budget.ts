import { selects } from '../label-selector.ts';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { Rule } from '../rule.ts';
import { namespaceOf, podTemplates } from '../workloads.ts';

export const podDisruptionBudget: Rule = {
  id: 'pod-disruption-budget',
  severity: 'error',
  reason:
    'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once.',
  fix: 'add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels',
  check: (objects) => {
    const budgets = objects.filter((object) => object.kind === 'PodDisruptionBudget');
    return podTemplates(objects)
      .filter(({ object }) => object.kind === 'Deployment')
      .filter(
        ({ object, metadata }) =>
          !budgets.some(
            (budget) =>
              namespaceOf(budget) === namespaceOf(object) &&
              selects((budget as IPodDisruptionBudget).spec?.selector, metadata.labels),
          ),
      )
      .map(({ object }) => ({
        object,
        path: ['spec', 'template', 'metadata', 'labels'],
        message: 'no PodDisruptionBudget selects the pods of this Deployment',
      }));
  },
};
