import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { namespaceOf, selects } from '../../manifests/index.ts';
import type { K8sObject, Rule } from '../rule.ts';
import { podTemplates, type PodTemplate } from '../workloads.ts';

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
      .filter((template) => !budgets.some((budget) => covers(budget, template)))
      .map(({ object }) => ({
        object,
        path: ['spec', 'template', 'metadata', 'labels'],
        message: 'no PodDisruptionBudget selects the pods of this Deployment',
      }));
  },
};

function covers(budget: K8sObject, { object, metadata }: PodTemplate): boolean {
  const selector = (budget as IPodDisruptionBudget).spec?.selector;
  // A budget without a selector selects no pods (an empty selector would select them all).
  return (
    namespaceOf(budget) === namespaceOf(object) &&
    selector !== undefined &&
    selects(selector, metadata.labels)
  );
}
