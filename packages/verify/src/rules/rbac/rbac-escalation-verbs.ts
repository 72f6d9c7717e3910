import type { Rule } from '../rule.ts';
import { listed, roles } from './rbac-objects.ts';

const escalationVerbs = ['escalate', 'bind', 'impersonate'];

export const rbacEscalationVerbs: Rule = {
  id: 'rbac-escalation-verbs',
  severity: 'error',
  reason:
    '`escalate` and `bind` let a subject grant itself permissions it does not hold; `impersonate` lets it act as any user or group. Each is a path to cluster-admin.',
  fix: 'remove escalate, bind and impersonate; grant the permissions that are actually needed instead',
  check: (objects) =>
    roles(objects).flatMap(({ object, rules }) =>
      rules.flatMap((rule, ruleIndex) =>
        listed(rule, ['verbs'], escalationVerbs).map(([field, index, verb]) => ({
          object,
          path: ['rules', ruleIndex, field, index],
          message: `${object.kind} grants the "${verb}" verb`,
        })),
      ),
    ),
};
