import type { Rule } from '../rule.ts';
import { bindings } from './rbac-objects.ts';

export const rbacDefaultServiceAccount: Rule = {
  id: 'rbac-default-service-account',
  severity: 'error',
  reason:
    'Every pod that names no ServiceAccount runs as `default`, so a permission bound to it is handed to every such pod in the namespace.',
  fix: 'create a dedicated ServiceAccount for the workload that needs the permission and bind that',
  check: (objects) =>
    bindings(objects).flatMap(({ object, subjects }) =>
      subjects.flatMap((subject, index) =>
        subject.kind === 'ServiceAccount' && subject.name === 'default'
          ? [
              {
                object,
                path: ['subjects', index],
                message: `${object.kind} binds the "default" ServiceAccount`,
              },
            ]
          : [],
      ),
    ),
};
