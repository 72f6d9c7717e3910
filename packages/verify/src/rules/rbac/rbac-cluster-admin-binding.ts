import type { Rule } from '../rule.ts';
import { bindings } from './rbac-objects.ts';

export const rbacClusterAdminBinding: Rule = {
  id: 'rbac-cluster-admin-binding',
  severity: 'error',
  reason:
    '`cluster-admin` is every permission on every resource in every namespace; a binding to it turns any leak of the subject into a cluster takeover.',
  fix: 'bind a Role with the exact permissions needed, in the namespace that needs them',
  check: (objects) =>
    bindings(objects)
      .filter(({ roleRef }) => roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin')
      .map(({ object }) => ({
        object,
        path: ['roleRef', 'name'],
        message: `${object.kind} grants cluster-admin`,
      })),
};
