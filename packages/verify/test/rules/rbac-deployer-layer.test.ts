import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import { describe, expect, it } from 'vitest';
import { rbacDeployerLayer } from '../../src/rules/rbac/rbac-deployer-layer.ts';
import { runRules, type K8sObject } from '../../src/rules/rule.ts';

const namespace = 'bulkhead-notes';
const rbac = 'rbac.authorization.k8s.io/v1';
const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

const deployment: K8sObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'notes', namespace },
};
const policy: K8sObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace },
};

function deployer(rules: IPolicyRule[]): K8sObject[] {
  return [
    { apiVersion: rbac, kind: 'Role', metadata: { name: 'deployer', namespace }, rules },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'deployer', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bulkhead:deployers' },
      ],
    },
  ];
}

const appsRule: IPolicyRule = { apiGroups: ['apps'], resources: ['deployments'], verbs: all };

/** The findings for a cluster layer of `clusterObjects` and an app layer of `app`. */
function check(clusterObjects: K8sObject[], app: K8sObject[] = [deployment]) {
  return runRules([...clusterObjects, ...app], [rbacDeployerLayer], { app });
}

describe('rbac-deployer-layer', () => {
  it('when the deployer may apply every app object and no security object, then it reports nothing', () => {
    expect(check([policy, ...deployer([appsRule])])).toEqual([]);
  });

  it('when the deployer lacks one verb, then it names the verb, the resource and the object', () => {
    const rules = [{ ...appsRule, verbs: all.filter((verb) => verb !== 'patch') }];

    const [finding, ...rest] = check([policy, ...deployer(rules)]);

    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      object: { kind: 'Role', namespace, name: 'deployer' },
      path: 'rules',
      message: `the deployer cannot patch deployments in ${namespace}, so it cannot apply Deployment ${namespace}/notes`,
    });
    expect(finding?.fix).toContain('resources: [deployments], verbs: [patch]');
  });

  it('when the deployer may patch NetworkPolicies, then it points at the rule that allows it', () => {
    const netpol = { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: all };

    const findings = check([policy, ...deployer([appsRule, netpol])]);

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      object: { kind: 'Role', name: 'deployer' },
      path: 'rules[1]',
      message:
        'the deployer may create, update, patch, delete networkpolicies: the role that ships apps could weaken the security layer',
    });
  });

  it.each([
    ['a wildcard resource', { apiGroups: ['*'], resources: ['*'], verbs: ['patch'] }, 'rules[1]'],
    [
      'its own namespace',
      { apiGroups: [''], resources: ['namespaces'], verbs: ['patch'] },
      'rules[1]',
    ],
    [
      'RBAC',
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
      'rules[1]',
    ],
  ])('when a rule lets the deployer write %s, then it is reported', (_what, rule, path) => {
    const findings = check([policy, ...deployer([appsRule, rule])]);

    expect(findings.map((finding) => finding.path)).toContain(path);
  });

  it('when the app layer holds a NetworkPolicy or a cluster-scoped object, then it says to move it', () => {
    const issuer: K8sObject = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
    };

    const messages = check(deployer([appsRule]), [deployment, policy, issuer]).map(
      (f) => f.message,
    );

    expect(messages).toEqual([
      `the app layer holds NetworkPolicy ${namespace}/default-deny, which only a cluster admin may write`,
      'the app layer holds ClusterIssuer letsencrypt, which only a cluster admin may write',
    ]);
  });

  it('when a ClusterRoleBinding binds the deployer, then it is reported', () => {
    const clusterBinding: K8sObject = {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'deployer-everywhere' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'bulkhead:deployers' },
      ],
    };

    const findings = check([...deployer([appsRule]), clusterBinding]);

    expect(findings.map((f) => f.object.name)).toEqual(['deployer-everywhere']);
  });

  it('when nothing binds the deployer Role, then nobody can apply the app layer', () => {
    const [role] = deployer([appsRule]);

    expect(check(role === undefined ? [] : [role]).map((f) => f.message)).toEqual([
      'no RoleBinding binds Role deployer, so nobody can apply the app layer',
    ]);
  });

  it('when an overlay has one layer (kind: the admin applies both), then the rule does not apply', () => {
    const broken = [...deployer([]), deployment];

    expect(runRules(broken, [rbacDeployerLayer])).toEqual([]);
    expect(runRules(broken, [rbacDeployerLayer], { app: [deployment] })).toHaveLength(1);
  });
});
