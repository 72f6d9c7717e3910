import type { Rule } from '../rule.ts';
import { podTemplates } from '../workloads.ts';

export const defaultNamespace: Rule = {
  id: 'default-namespace',
  severity: 'error',
  reason:
    'The default namespace has no Pod Security labels, NetworkPolicies or RBAC of its own, so a workload there escapes every per-namespace guard.',
  fix: 'set metadata.namespace (or `namespace:` in the kustomization) to the service’s own namespace',
  check: (objects) =>
    podTemplates(objects)
      .filter(({ object }) => (object.metadata?.namespace ?? 'default') === 'default')
      .map(({ object }) => ({
        object,
        path: ['metadata', 'namespace'],
        message:
          object.metadata?.namespace === undefined
            ? `${object.kind} has no namespace, so it lands in "default" (or the current context's)`
            : `${object.kind} is in the "default" namespace`,
      })),
};
