import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { ISubject } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Subject';
import type { K8sObject } from '../rule.ts';
import { bindings, roles, type RoleAt } from './rbac-objects.ts';

/** What a request names, as the RBAC authorizer sees it. */
export interface ApiRequest {
  /** '' for a cluster-scoped request. */
  namespace: string;
  apiGroup: string;
  resource: string;
  verb: string;
}

/** A rule that grants a request, and the Role or ClusterRole it stands in. */
export interface Grant {
  role: RoleAt;
  rule: IPolicyRule;
  ruleIndex: number;
}

// Kinds that exist outside namespaces, from the built-in APIs and the operators this kit uses.
const clusterScopedKinds = new Set([
  'APIService',
  'Bundle',
  'CertificateSigningRequest',
  'ClusterBundle',
  'ClusterExternalSecret',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterSecretStore',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Whether an object lives outside namespaces: a known cluster-scoped kind, or no namespace. */
export function isClusterScoped(object: K8sObject): boolean {
  return clusterScopedKinds.has(object.kind) || object.metadata?.namespace === undefined;
}

// Kinds whose resource the simple plural below gets wrong. The API server knows each resource's
// name from discovery (a CRD declares its plural); a rendered manifest has only the kind.
const irregularResources: Record<string, string> = { Endpoints: 'endpoints' };

/**
 * The API group and resource of an object: its kind in lower case and plural, as Kubernetes names
 * built-in resources and as the CRDs this kit uses declare theirs (Gateway → gateways,
 * BackendTLSPolicy → backendtlspolicies, Ingress → ingresses).
 * @example resourceOf({ apiVersion: 'apps/v1', kind: 'Deployment' }) // { apiGroup: 'apps', resource: 'deployments' }
 */
export function resourceOf({ apiVersion, kind }: K8sObject): {
  apiGroup: string;
  resource: string;
} {
  const apiGroup = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  const lower = kind.toLowerCase();
  const resource =
    irregularResources[kind] ??
    (lower.endsWith('s')
      ? `${lower}es`
      : /[^aeiou]y$/.test(lower)
        ? `${lower.slice(0, -1)}ies`
        : `${lower}s`);
  return { apiGroup, resource };
}

function matches(values: readonly string[] | undefined, value: string): boolean {
  return (values ?? []).some((entry) => entry === value || entry === '*');
}

/** Whether two RBAC subjects name the same user, group or service account. */
export function sameSubject(a: ISubject, b: ISubject): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/**
 * Every rule that grants `request` to any of `subjects`, through the RoleBindings and
 * ClusterRoleBindings among `objects`, as the RBAC authorizer matches them (`*` included). A rule
 * limited by `resourceNames` is listed too; callers that need any object of the kind skip it.
 */
export function grantsOf(
  objects: readonly K8sObject[],
  subjects: readonly ISubject[],
  request: ApiRequest,
): Grant[] {
  const allRoles = roles(objects);
  return bindings(objects)
    .filter(({ subjects: bound }) => bound.some((s) => subjects.some((t) => sameSubject(s, t))))
    .flatMap(({ object: binding, roleRef }) => {
      const bindingNamespace = binding.metadata?.namespace ?? '';
      // A RoleBinding grants only inside its namespace; a ClusterRoleBinding everywhere.
      if (binding.kind === 'RoleBinding' && bindingNamespace !== request.namespace) return [];
      const role = allRoles.find(
        ({ object }) =>
          object.kind === roleRef.kind &&
          object.metadata?.name === roleRef.name &&
          (roleRef.kind === 'ClusterRole' || object.metadata.namespace === bindingNamespace),
      );
      if (role === undefined) return [];
      return role.rules.flatMap((rule: IPolicyRule, ruleIndex) =>
        matches(rule.apiGroups, request.apiGroup) &&
        matches(rule.resources, request.resource) &&
        matches(rule.verbs, request.verb)
          ? [{ role, rule, ruleIndex }]
          : [],
      );
    });
}
