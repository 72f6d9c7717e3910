import type { IPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec';

type LabelSelector = NonNullable<IPodDisruptionBudgetSpec['selector']>;

/**
 * Whether a Kubernetes label selector selects these labels. An empty selector selects everything;
 * a missing one (`undefined`) selects nothing, as for a PodDisruptionBudget.
 * @example selects({ matchLabels: { app: 'notes' } }, { app: 'notes', tier: 'api' }) // true
 */
export function selects(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  if (selector === undefined) return false;
  const { matchLabels = {}, matchExpressions = [] } = selector;
  const labelsMatch = Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
  return (
    labelsMatch &&
    matchExpressions.every(({ key, operator, values = [] }) => {
      const value = labels[key];
      switch (operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}
