import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { ISubject } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Subject';
import { describe, expect, it } from 'vitest';
import { rbacAppServiceAccount } from '../../src/rules/rbac/rbac-app-service-account.ts';
import { rbacClusterAdminBinding } from '../../src/rules/rbac/rbac-cluster-admin-binding.ts';
import { rbacDefaultServiceAccount } from '../../src/rules/rbac/rbac-default-service-account.ts';
import { rbacEscalationVerbs } from '../../src/rules/rbac/rbac-escalation-verbs.ts';
import { rbacSecretsRead } from '../../src/rules/rbac/rbac-secrets-read.ts';
import { rbacWildcard } from '../../src/rules/rbac/rbac-wildcard.ts';
import { runRules, type K8sObject, type Rule } from '../../src/rules/rule.ts';
import { compliantObjects, find } from './compliant.ts';

function role(name: string, rules: IPolicyRule[], labels: Record<string, string> = {}): K8sObject {
  const metadata = { name, namespace: 'bulkhead-notes', labels };
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata, rules };
}

function binding(roleRef: { kind: string; name: string }, subjects: ISubject[]): K8sObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'grant', namespace: 'bulkhead-notes' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

function paths(rule: Rule, objects: readonly K8sObject[]): string[] {
  return runRules(objects, [rule]).map(({ path }) => path);
}

const serviceAccount = (name: string): ISubject => ({
  kind: 'ServiceAccount',
  name,
  namespace: 'bulkhead-notes',
});

describe('RBAC rules', () => {
  const rules = [
    rbacWildcard,
    rbacEscalationVerbs,
    rbacSecretsRead,
    rbacClusterAdminBinding,
    rbacDefaultServiceAccount,
    rbacAppServiceAccount,
  ];

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'when roles are exact and bound to a group, then %s reports nothing',
    (_id, rule) => {
      expect(runRules(compliantObjects(), [rule])).toEqual([]);
    },
  );
});

describe('rbac-wildcard', () => {
  it('when "*" appears in apiGroups, resources and verbs, then each is named', () => {
    const objects = [
      role('deployer', [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', '*'] }]),
    ];

    expect(paths(rbacWildcard, objects)).toEqual([
      'rules[0].apiGroups[0]',
      'rules[0].resources[0]',
      'rules[0].verbs[1]',
    ]);
  });
});

describe('rbac-escalation-verbs', () => {
  it('when a role may bind and impersonate, then both verbs are named', () => {
    const rules = [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'bind'] },
      { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] },
    ];

    expect(paths(rbacEscalationVerbs, [role('deployer', rules)])).toEqual([
      'rules[0].verbs[1]',
      'rules[1].verbs[0]',
    ]);
  });
});

describe('rbac-secrets-read', () => {
  const readSecrets = [{ apiGroups: [''], resources: ['pods', 'secrets'], verbs: ['list'] }];

  it('when a viewer role can list secrets, then it names the resource', () => {
    expect(paths(rbacSecretsRead, [role('viewer', readSecrets)])).toEqual([
      'rules[0].resources[1]',
    ]);
  });

  it('when only an admin role reads secrets, by name or by label, then it passes', () => {
    const objects = [
      role('notes-admin', readSecrets),
      role('break-glass', readSecrets, { 'bulkhead.dev/admin-role': 'true' }),
    ];

    expect(paths(rbacSecretsRead, objects)).toEqual([]);
  });

  it('when a role may only create secrets, then it passes', () => {
    const rules = [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }];

    expect(paths(rbacSecretsRead, [role('deployer', rules)])).toEqual([]);
  });
});

describe('rbac-cluster-admin-binding', () => {
  it('when a binding grants cluster-admin, then it names roleRef.name', () => {
    const objects = [binding({ kind: 'ClusterRole', name: 'cluster-admin' }, [])];

    expect(paths(rbacClusterAdminBinding, objects)).toEqual(['roleRef.name']);
  });
});

describe('rbac-default-service-account', () => {
  it('when a binding names the default ServiceAccount, then it names the subject', () => {
    const subjects = [{ kind: 'Group', name: 'ops' }, serviceAccount('default')];
    const objects = [binding({ kind: 'Role', name: 'viewer' }, subjects)];

    expect(paths(rbacDefaultServiceAccount, objects)).toEqual(['subjects[1]']);
  });
});

describe('rbac-app-service-account', () => {
  it('when the ServiceAccount a Deployment runs as is bound, then it names the subject', () => {
    const objects = compliantObjects();
    objects.push(binding({ kind: 'Role', name: 'viewer' }, [serviceAccount('notes')]));

    expect(paths(rbacAppServiceAccount, objects)).toEqual(['subjects[0]']);
  });

  it('when the workload declares it needs the API, then its binding is allowed', () => {
    const objects = compliantObjects();
    objects.push(binding({ kind: 'Role', name: 'viewer' }, [serviceAccount('notes')]));
    const deployment = find(objects, 'Deployment');
    deployment.metadata = {
      ...deployment.metadata,
      annotations: { 'bulkhead.dev/needs-api-access': 'reads its own pods for leader election' },
    };

    expect(paths(rbacAppServiceAccount, objects)).toEqual([]);
  });
});
