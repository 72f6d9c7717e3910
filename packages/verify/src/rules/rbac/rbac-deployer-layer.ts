import type { ISubject } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Subject';
import type { K8sObject, Problem, Rule } from '../rule.ts';
import { grantsOf, isClusterScoped, resourceOf, sameSubject, type Grant } from './rbac-access.ts';
import { bindings, roles } from './rbac-objects.ts';

/** The Role that ships the app layer (components/rbac). */
const deployerRole = 'deployer';

/** What `kubectl apply` (and so `skaffold run`) sends for each object: read, create, patch. */
const applyVerbs = ['get', 'create', 'patch'];
const writeVerbs = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** The security layer: whoever may write these can undo the cluster admin's rules. */
const protectedResources = [
  { apiGroup: 'networking.k8s.io', resource: 'networkpolicies' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' },
  { apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { apiGroup: '', resource: 'namespaces' },
];
const protectedKinds = new Set(['NetworkPolicy', 'Role', 'RoleBinding', 'Namespace']);

function deployerSubjects(objects: readonly K8sObject[]): ISubject[] {
  return bindings(objects)
    .filter(({ roleRef }) => roleRef.name === deployerRole)
    .flatMap(({ subjects }) => subjects);
}

function deployerRoleIn(objects: readonly K8sObject[], namespace: string): K8sObject | undefined {
  return roles(objects).find(
    ({ object }) =>
      object.kind === 'Role' &&
      object.metadata?.name === deployerRole &&
      object.metadata.namespace === namespace,
  )?.object;
}

function describe(object: K8sObject): string {
  const { name = '', namespace } = object.metadata ?? {};
  return `${object.kind} ${namespace === undefined ? name : `${namespace}/${name}`}`;
}

/** Each app object the deployer cannot apply, or that belongs to the cluster layer. */
function unappliable(all: readonly K8sObject[], app: readonly K8sObject[], subjects: ISubject[]) {
  return app.flatMap((object): Problem[] => {
    if (isClusterScoped(object) || protectedKinds.has(object.kind)) {
      return [
        {
          object,
          path: [],
          message: `the app layer holds ${describe(object)}, which only a cluster admin may write`,
          fix: 'move it to the cluster layer (overlays/<env>/cluster), which a cluster admin applies',
        },
      ];
    }
    const namespace = object.metadata?.namespace ?? '';
    const { apiGroup, resource } = resourceOf(object);
    const missing = applyVerbs.filter(
      (verb) =>
        !grantsOf(all, subjects, { namespace, apiGroup, resource, verb }).some(
          ({ rule }) => (rule.resourceNames ?? []).length === 0,
        ),
    );
    if (missing.length === 0) return [];
    const group = apiGroup === '' ? '""' : apiGroup;
    return [
      {
        object: deployerRoleIn(all, namespace) ?? object,
        path: ['rules'],
        message: `the deployer cannot ${missing.join(', ')} ${resource} in ${namespace}, so it cannot apply ${describe(object)}`,
        fix: `add { apiGroups: [${group}], resources: [${resource}], verbs: [${missing.join(', ')}] } to Role ${deployerRole} in ${namespace}`,
      },
    ];
  });
}

/** Each rule that lets the deployer write the security layer, in any namespace it reaches. */
function weakening(all: readonly K8sObject[], app: readonly K8sObject[], subjects: ISubject[]) {
  const namespaces = new Set(['', ...app.map((object) => object.metadata?.namespace ?? '')]);
  for (const { object } of bindings(all)) namespaces.add(object.metadata?.namespace ?? '');
  const found = new Map<string, { grant: Grant; resource: string; verbs: Set<string> }>();
  for (const namespace of namespaces) {
    for (const target of protectedResources) {
      for (const verb of writeVerbs) {
        for (const grant of grantsOf(all, subjects, { namespace, ...target, verb })) {
          const key = `${describe(grant.role.object)}#${grant.ruleIndex}#${target.resource}`;
          const entry = found.get(key) ?? { grant, resource: target.resource, verbs: new Set() };
          entry.verbs.add(verb);
          found.set(key, entry);
        }
      }
    }
  }
  return [...found.values()].map(({ grant, resource, verbs }): Problem => ({
    object: grant.role.object,
    path: ['rules', grant.ruleIndex],
    message: `the deployer may ${[...verbs].join(', ')} ${resource}: the role that ships apps could weaken the security layer`,
  }));
}

/** A ClusterRoleBinding reaches every namespace and every cluster-scoped object. */
function boundClusterWide(all: readonly K8sObject[], subjects: ISubject[]): Problem[] {
  return bindings(all)
    .filter(({ object }) => object.kind === 'ClusterRoleBinding')
    .filter(({ subjects: bound }) => bound.some((s) => subjects.some((t) => sameSubject(s, t))))
    .map(({ object }) => ({
      object,
      path: ['subjects'],
      message:
        'binds the deployer cluster-wide: it reaches every namespace and cluster-scoped object',
    }));
}

/**
 * Only for an overlay in two layers (cluster/ and app/): proves from the rendered objects and the
 * Role rules that the deployer can apply every object of the app layer and can write nothing of
 * the security layer (NetworkPolicies, Roles, RoleBindings, Namespaces, anything cluster-scoped).
 */
export const rbacDeployerLayer: Rule = {
  id: 'rbac-deployer-layer',
  severity: 'error',
  reason:
    'The app layer is applied by the deployer role (`skaffold run`): it must be able to apply every object there, and must not be able to change the NetworkPolicies, RBAC or namespaces the cluster layer sets, or shipping an app could switch the security off.',
  fix: 'give Role deployer exactly the verbs the app layer needs, and keep security objects in the cluster layer',
  check: (objects, layers) => {
    if (layers === undefined) return [];
    const subjects = deployerSubjects(objects);
    if (subjects.length === 0) {
      const [first] = layers.app;
      if (first === undefined) return [];
      return [
        {
          object: first,
          path: [],
          message: `no RoleBinding binds Role ${deployerRole}, so nobody can apply the app layer`,
          fix: 'add the rbac component to the cluster layer',
        },
      ];
    }
    return [
      ...unappliable(objects, layers.app, subjects),
      ...weakening(objects, layers.app, subjects),
      ...boundClusterWide(objects, subjects),
    ];
  },
};
