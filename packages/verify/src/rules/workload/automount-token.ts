import { declaresApiAccess, needsApiAccess } from '../api-access.ts';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { K8sObject, Rule } from '../rule.ts';
import { namespaceOf } from '../../manifests/index.ts';
import { podTemplates } from '../workloads.ts';

export const automountToken: Rule = {
  id: 'automount-token',
  severity: 'error',
  reason:
    'A mounted ServiceAccount token is an API credential for anyone who gets into the pod; a service that never calls the API should not carry one.',
  fix: `set automountServiceAccountToken: false on the pod spec or its ServiceAccount, or annotate the workload ${needsApiAccess}: "<why>"`,
  check: (objects) =>
    podTemplates(objects)
      .filter((template) => !declaresApiAccess(template))
      .flatMap(({ object, spec, path }) => {
        const account = spec.serviceAccountName ?? 'default';
        const accountMounts = serviceAccount(
          objects,
          namespaceOf(object),
          account,
        )?.automountServiceAccountToken;
        const mounts = spec.automountServiceAccountToken ?? accountMounts ?? true;
        if (!mounts) return [];
        return [
          {
            object,
            path: [...path, 'automountServiceAccountToken'],
            message: `pods get the token of ServiceAccount "${account}" mounted`,
          },
        ];
      }),
};

function serviceAccount(
  objects: readonly K8sObject[],
  namespace: string,
  name: string,
): IServiceAccount | undefined {
  return objects.find(
    (object) =>
      object.kind === 'ServiceAccount' &&
      object.metadata?.name === name &&
      namespaceOf(object) === namespace,
  ) as IServiceAccount | undefined;
}
