import type { K8sObject, Rule } from '../rule.ts';
import { listed, roles } from './rbac-objects.ts';

/** The label that marks a Role or ClusterRole as an admin role, allowed to read Secrets. */
export const adminRoleLabel = 'bulkhead.dev/admin-role';

/** An admin role is labelled `bulkhead.dev/admin-role: "true"`, or named `admin` or `*-admin`. */
export function isAdminRole(object: K8sObject): boolean {
  const name = object.metadata?.name ?? '';
  const labelled = object.metadata?.labels?.[adminRoleLabel] === 'true';
  return labelled || name === 'admin' || name.endsWith('-admin');
}

const readVerbs = ['get', 'list', 'watch', '*'];

export const rbacSecretsRead: Rule = {
  id: 'rbac-secrets-read',
  severity: 'error',
  reason:
    'Reading Secrets reveals every key, password and token in the namespace (list and watch return the values too), so only admin roles may do it.',
  fix: `drop secrets from the rule, or, for a real admin role, name it "*-admin" or label it ${adminRoleLabel}: "true"`,
  check: (objects) =>
    roles(objects)
      .filter(({ object }) => !isAdminRole(object))
      .flatMap(({ object, rules }) =>
        rules.flatMap((rule, ruleIndex) => {
          const coreGroup = listed(rule, ['apiGroups'], ['', '*']).length > 0;
          const secrets = listed(rule, ['resources'], ['secrets', '*']);
          const reads = listed(rule, ['verbs'], readVerbs).map(([, , verb]) => verb);
          if (!coreGroup || reads.length === 0) return [];
          return secrets.map(([field, index]) => ({
            object,
            path: ['rules', ruleIndex, field, index],
            message: `${object.kind} "${object.metadata?.name ?? ''}" can ${reads.join(', ')} secrets`,
          }));
        }),
      ),
};
