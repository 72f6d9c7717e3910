import { declaresApiAccess, needsApiAccess } from '../api-access.ts';
import type { Rule } from '../rule.ts';
import { namespaceOf } from '../../manifests/index.ts';
import { podTemplates } from '../workloads.ts';
import { bindings } from './rbac-objects.ts';

export const rbacAppServiceAccount: Rule = {
  id: 'rbac-app-service-account',
  severity: 'error',
  reason:
    'The services never call the Kubernetes API, so their ServiceAccounts need no permissions; a binding only widens what a compromised pod can do.',
  fix: `remove the subject from the binding, or annotate the workload ${needsApiAccess}: "<why>"`,
  check: (objects) => {
    const appAccounts = new Set(
      podTemplates(objects)
        .filter((template) => !declaresApiAccess(template))
        .map(
          ({ object, spec }) => `${namespaceOf(object)}/${spec.serviceAccountName ?? 'default'}`,
        ),
    );
    return bindings(objects).flatMap(({ object, subjects }) =>
      subjects.flatMap((subject, index) => {
        if (subject.kind !== 'ServiceAccount') return [];
        const account = `${subject.namespace ?? namespaceOf(object)}/${subject.name}`;
        if (!appAccounts.has(account)) return [];
        const message = `${object.kind} binds ServiceAccount "${account}", which a workload runs as`;
        return [{ object, path: ['subjects', index], message }];
      }),
    );
  },
};
