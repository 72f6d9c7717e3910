import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';

/** A Kubernetes LabelSelector (`matchLabels` and `matchExpressions`). */
export type LabelSelector = NonNullable<INetworkPolicyPeer['podSelector']>;

/**
 * Whether `selector` selects an object carrying `labels`: every `matchLabels` pair and every
 * `matchExpressions` requirement must hold, so an empty selector selects everything.
 * @example selects({ matchLabels: { app: 'notes' } }, { app: 'notes', tier: 'api' }) // true
 */
export function selects(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> = {},
): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  return (
    pairs.every(([key, value]) => labels[key] === value) &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = Object.hasOwn(labels, key) ? labels[key] : undefined;
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
          throw new Error(`unknown label selector operator "${operator}" (key "${key}")`);
      }
    })
  );
}
