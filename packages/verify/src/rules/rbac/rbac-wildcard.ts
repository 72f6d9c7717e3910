import type { Rule } from '../rule.ts';
import { listed, roles } from './rbac-objects.ts';

export const rbacWildcard: Rule = {
  id: 'rbac-wildcard',
  severity: 'error',
  reason:
    'A `*` grants everything that exists now and every verb, resource or API group added later, so nobody can say what the role allows.',
  fix: 'list the exact apiGroups, resources and verbs the role needs',
  check: (objects) =>
    roles(objects).flatMap(({ object, rules }) =>
      rules.flatMap((rule, ruleIndex) =>
        listed(rule, ['apiGroups', 'resources', 'verbs'], ['*']).map(([field, index]) => ({
          object,
          path: ['rules', ruleIndex, field, index],
          message: `${object.kind} grants "*" in ${field}`,
        })),
      ),
    ),
};
