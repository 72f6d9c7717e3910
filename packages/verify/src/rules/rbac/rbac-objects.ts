import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { IRoleRef } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleRef';
import type { ISubject } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Subject';
import type { K8sObject } from '../rule.ts';

/** A Role or ClusterRole with its rules (empty for an aggregated ClusterRole). */
export interface RoleAt {
  object: K8sObject;
  rules: IPolicyRule[];
}

/** A RoleBinding or ClusterRoleBinding. */
export interface BindingAt {
  object: K8sObject;
  roleRef: IRoleRef;
  subjects: ISubject[];
}

/** Every Role and ClusterRole among the objects. */
export function roles(objects: readonly K8sObject[]): RoleAt[] {
  return objects
    .filter(({ kind }) => kind === 'Role' || kind === 'ClusterRole')
    .map((object) => ({ object, rules: (object.rules ?? []) as IPolicyRule[] }));
}

/** Every RoleBinding and ClusterRoleBinding among the objects. */
export function bindings(objects: readonly K8sObject[]): BindingAt[] {
  return objects
    .filter(({ kind }) => kind === 'RoleBinding' || kind === 'ClusterRoleBinding')
    .map((object) => ({
      object,
      roleRef: object.roleRef as IRoleRef,
      subjects: (object.subjects ?? []) as ISubject[],
    }));
}

type ListField = 'verbs' | 'resources' | 'apiGroups';

/** Each `[field, index, value]` of a rule's lists whose value is one of `values`. */
export function listed(
  rule: IPolicyRule,
  fields: readonly ListField[],
  values: readonly string[],
): (readonly [field: ListField, index: number, value: string])[] {
  return fields.flatMap((field) =>
    (rule[field] ?? []).flatMap((value, index) =>
      values.includes(value) ? [[field, index, value] as const] : [],
    ),
  );
}
