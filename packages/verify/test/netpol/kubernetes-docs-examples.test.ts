// The examples of https://kubernetes.io/docs/concepts/services-networking/network-policies/,
// each run against pods it must let through and pods it must not.
import { describe, expect, it } from 'vitest';

import { outsidePeers, reachability } from '../../src/netpol/index.ts';
import { allowed, manifests, namespace, peer, pod } from './objects.ts';

describe('reachability: the test-network-policy example', () => {
  const policy = manifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: test-network-policy, namespace: default }
spec:
  podSelector: { matchLabels: { role: db } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - ipBlock: { cidr: 172.17.0.0/16, except: [172.17.1.0/24] }
        - namespaceSelector: { matchLabels: { project: myproject } }
        - podSelector: { matchLabels: { role: frontend } }
      ports: [{ protocol: TCP, port: 6379 }]
  egress:
    - to: [{ ipBlock: { cidr: 10.0.0.0/24 } }]
      ports: [{ protocol: TCP, port: 5978 }]
`);
  const objects = [
    ...policy,
    namespace('myproject', { project: 'myproject' }),
    pod('default/db', { role: 'db' }, ['6379', '9121']),
    pod('default/frontend', { role: 'frontend' }, ['8080']),
    pod('default/backend', { role: 'backend' }),
    pod('myproject/worker'),
    pod('other/worker', { role: 'frontend' }),
  ];
  const outside = [
    ...outsidePeers,
    peer('lan-host', ['172.17.0.5']),
    peer('excepted-host', ['172.17.1.5']),
    peer('internal-service', ['10.0.0.7'], [5978, 5979]),
  ];
  const flows = reachability(objects, { outside });

  it('when a source matches one of the from peers, then it reaches db on 6379', () => {
    expect(allowed(flows, 'default/frontend', 'default/db', 6379)).toBe(true);
    expect(allowed(flows, 'myproject/worker', 'default/db', 6379)).toBe(true);
    expect(allowed(flows, 'lan-host', 'default/db', 6379)).toBe(true);
  });

  it('when a source matches no from peer, then db is closed to it', () => {
    expect(allowed(flows, 'default/backend', 'default/db', 6379)).toBe(false);
    expect(allowed(flows, 'other/worker', 'default/db', 6379)).toBe(false);
    expect(allowed(flows, 'excepted-host', 'default/db', 6379)).toBe(false);
    expect(allowed(flows, 'internet', 'default/db', 6379)).toBe(false);
  });

  it('when the port is not 6379, then even a listed source is denied', () => {
    expect(allowed(flows, 'default/frontend', 'default/db', 9121)).toBe(false);
  });

  it('when db connects out, then only 10.0.0.0/24 on 5978 is open', () => {
    expect(allowed(flows, 'default/db', 'internal-service', 5978)).toBe(true);
    expect(allowed(flows, 'default/db', 'internal-service', 5979)).toBe(false);
    expect(allowed(flows, 'default/db', 'kube-dns', 53, 'UDP')).toBe(false);
    expect(allowed(flows, 'default/db', 'default/frontend', 8080)).toBe(false);
  });

  it('when a pod is not selected by the policy, then it is not isolated', () => {
    expect(allowed(flows, 'internet', 'default/frontend', 8080)).toBe(true);
    expect(allowed(flows, 'default/frontend', 'internet', 443)).toBe(true);
  });
});

describe('reachability: namespaceSelector and podSelector, in one peer or two', () => {
  const withPeers = (peers: string) =>
    reachability([
      ...manifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db, namespace: default }
spec:
  podSelector: {}
  ingress:
    - from:
${peers}
`),
      namespace('alice', { user: 'alice' }),
      namespace('bob', { user: 'bob' }),
      pod('default/db', {}, ['5432']),
      pod('alice/client', { role: 'client' }),
      pod('alice/other'),
      pod('default/client', { role: 'client' }),
      pod('bob/client', { role: 'client' }),
    ]);

  it('when both selectors are in one peer, then a source must match both (AND)', () => {
    const flows = withPeers(`
        - namespaceSelector: { matchLabels: { user: alice } }
          podSelector: { matchLabels: { role: client } }`);
    expect(allowed(flows, 'alice/client', 'default/db', 5432)).toBe(true);
    expect(allowed(flows, 'alice/other', 'default/db', 5432)).toBe(false);
    expect(allowed(flows, 'default/client', 'default/db', 5432)).toBe(false);
    expect(allowed(flows, 'bob/client', 'default/db', 5432)).toBe(false);
  });

  it('when they are two peers, then a source may match either (OR), podSelector in the policy namespace', () => {
    const flows = withPeers(`
        - namespaceSelector: { matchLabels: { user: alice } }
        - podSelector: { matchLabels: { role: client } }`);
    expect(allowed(flows, 'alice/client', 'default/db', 5432)).toBe(true);
    expect(allowed(flows, 'alice/other', 'default/db', 5432)).toBe(true);
    expect(allowed(flows, 'default/client', 'default/db', 5432)).toBe(true);
    expect(allowed(flows, 'bob/client', 'default/db', 5432)).toBe(false);
  });
});

describe('reachability: default policies', () => {
  const pods = [
    pod('default/a', {}, ['8080']),
    pod('default/b', {}, ['8080']),
    pod('other/c', {}, ['8080']),
  ];
  const policy = (name: string, spec: string) =>
    manifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name} }
spec:
${spec}`);
  const denyIngress = policy('default-deny-ingress', '  podSelector: {}\n  policyTypes: [Ingress]');
  const denyEgress = policy('default-deny-egress', '  podSelector: {}\n  policyTypes: [Egress]');

  it('when default-deny-ingress applies, then its namespace takes no connection but still sends', () => {
    const flows = reachability([...denyIngress, ...pods]);
    expect(allowed(flows, 'default/b', 'default/a', 8080)).toBe(false);
    expect(allowed(flows, 'internet', 'default/a', 8080)).toBe(false);
    expect(allowed(flows, 'default/a', 'other/c', 8080)).toBe(true);
    expect(allowed(flows, 'default/a', 'internet', 443)).toBe(true);
  });

  it('when allow-all-ingress is added to default-deny-ingress, then the union lets everything in', () => {
    const allowAll = policy(
      'allow-all-ingress',
      '  podSelector: {}\n  ingress: [{}]\n  policyTypes: [Ingress]',
    );
    const flows = reachability([...denyIngress, ...allowAll, ...pods]);
    expect(allowed(flows, 'default/b', 'default/a', 8080)).toBe(true);
    expect(allowed(flows, 'internet', 'default/a', 8080)).toBe(true);
  });

  it('when default-deny-egress applies, then its namespace sends nothing but still takes connections', () => {
    const flows = reachability([...denyEgress, ...pods]);
    expect(allowed(flows, 'default/a', 'default/b', 8080)).toBe(false);
    expect(allowed(flows, 'default/a', 'kube-dns', 53, 'UDP')).toBe(false);
    expect(allowed(flows, 'default/a', 'internet', 443)).toBe(false);
    expect(allowed(flows, 'other/c', 'default/a', 8080)).toBe(true);
    expect(allowed(flows, 'internet', 'default/a', 8080)).toBe(true);
  });

  it('when allow-all-egress is added to default-deny-egress, then the union lets everything out', () => {
    const allowAll = policy(
      'allow-all-egress',
      '  podSelector: {}\n  egress: [{}]\n  policyTypes: [Egress]',
    );
    const flows = reachability([...denyEgress, ...allowAll, ...pods]);
    expect(allowed(flows, 'default/a', 'default/b', 8080)).toBe(true);
    expect(allowed(flows, 'default/a', 'kube-apiserver', 443)).toBe(true);
  });

  it('when default-deny-all applies, then both directions are closed, other namespaces untouched', () => {
    const denyAll = policy(
      'default-deny-all',
      '  podSelector: {}\n  policyTypes: [Ingress, Egress]',
    );
    const flows = reachability([...denyAll, ...pods]);
    expect(allowed(flows, 'other/c', 'default/a', 8080)).toBe(false);
    expect(allowed(flows, 'default/a', 'other/c', 8080)).toBe(false);
    expect(allowed(flows, 'other/c', 'internet', 443)).toBe(true);
  });
});

describe('reachability: the endPort example', () => {
  const flows = reachability(
    [
      ...manifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: multi-port-egress, namespace: default }
spec:
  podSelector: { matchLabels: { role: db } }
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 10.0.0.0/24 } }]
      ports: [{ protocol: TCP, port: 32000, endPort: 32768 }]
`),
      pod('default/db', { role: 'db' }),
    ],
    { outside: [peer('range-host', ['10.0.0.9'], [31999, 32000, 32500, 32768, 32769])] },
  );

  it('when the port is within port..endPort, bounds included, then it is allowed', () => {
    expect(allowed(flows, 'default/db', 'range-host', 32000)).toBe(true);
    expect(allowed(flows, 'default/db', 'range-host', 32500)).toBe(true);
    expect(allowed(flows, 'default/db', 'range-host', 32768)).toBe(true);
  });

  it('when the port is outside the range, then it is denied', () => {
    expect(allowed(flows, 'default/db', 'range-host', 31999)).toBe(false);
    expect(allowed(flows, 'default/db', 'range-host', 32769)).toBe(false);
  });
});
