import { describe, expect, it } from 'vitest';

import { reachability } from '../../src/netpol/index.ts';
import { allowed, manifests, namespace, peer, pod } from './objects.ts';

function netpol(namespace: string, spec: string): unknown[] {
  return manifests(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: test, namespace: ${namespace} }
spec:
${spec}`);
}

describe('reachability: ports', () => {
  it('when a rule names a port, then it resolves per destination pod to its own number', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: {}\n  ingress: [{ ports: [{ port: metrics }] }]'),
      pod('app/api-a', {}, ['metrics:9100']),
      pod('app/api-b', {}, ['http:9100', 'metrics:9200']),
      pod('app/client'),
    ]);
    expect(allowed(flows, 'app/client', 'app/api-a', 9100)).toBe(true);
    expect(allowed(flows, 'app/client', 'app/api-b', 9200)).toBe(true);
    expect(allowed(flows, 'app/client', 'app/api-b', 9100)).toBe(false);
  });

  it('when a named port has another protocol than the rule, then it does not match', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: {}\n  ingress: [{ ports: [{ port: dns }] }]'),
      pod('app/resolver', {}, ['dns:53/UDP']),
      pod('app/client'),
    ]);
    expect(allowed(flows, 'app/client', 'app/resolver', 53, 'UDP')).toBe(false);
  });

  it('when a rule gives a protocol, then only that protocol on the port is allowed', () => {
    const flows = reachability([
      ...netpol(
        'app',
        '  podSelector: {}\n  ingress: [{ ports: [{ protocol: UDP, port: 53 }, { protocol: SCTP }] }]',
      ),
      pod('app/resolver', {}, ['53/UDP', '53/TCP', '3868/SCTP']),
      pod('app/client'),
    ]);
    expect(allowed(flows, 'app/client', 'app/resolver', 53, 'UDP')).toBe(true);
    expect(allowed(flows, 'app/client', 'app/resolver', 53, 'TCP')).toBe(false);
    expect(allowed(flows, 'app/client', 'app/resolver', 3868, 'SCTP')).toBe(true);
  });

  it('when a rule lists no ports, then every port is allowed; a port without protocol means TCP', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: {}\n  ingress: [{ from: [{ podSelector: {} }] }]'),
      ...netpol('other', '  podSelector: {}\n  ingress: [{ ports: [{ port: 80 }] }]'),
      pod('app/server', {}, ['80', '443', '53/UDP']),
      pod('other/server', {}, ['80', '80/UDP']),
      pod('app/client'),
    ]);
    expect(allowed(flows, 'app/client', 'app/server', 443)).toBe(true);
    expect(allowed(flows, 'app/client', 'app/server', 53, 'UDP')).toBe(true);
    expect(allowed(flows, 'app/client', 'other/server', 80)).toBe(true);
    expect(allowed(flows, 'app/client', 'other/server', 80, 'UDP')).toBe(false);
  });
});

describe('reachability: isolation and policyTypes', () => {
  const pods = [pod('app/a', { role: 'a' }, ['8080']), pod('app/b', { role: 'b' }, ['8080'])];

  it('when an egress-only policy selects a pod, then its ingress stays open', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: { matchLabels: { role: a } }\n  policyTypes: [Egress]'),
      ...pods,
    ]);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(false);
    expect(allowed(flows, 'app/b', 'app/a', 8080)).toBe(true);
    expect(allowed(flows, 'internet', 'app/a', 8080)).toBe(true);
  });

  it('when policyTypes is left out and egress rules exist, then Egress is isolated too', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: {}\n  egress: [{ ports: [{ port: 53, protocol: UDP }] }]'),
      ...pods,
    ]);
    expect(allowed(flows, 'app/a', 'kube-dns', 53, 'UDP')).toBe(true);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(false);
  });

  it('when policyTypes says Ingress only, then its egress rules are ignored and egress stays open', () => {
    const spec =
      '  podSelector: {}\n  policyTypes: [Ingress]\n  egress: [{ ports: [{ port: 53, protocol: UDP }] }]';
    const flows = reachability([...netpol('app', spec), ...pods]);
    expect(allowed(flows, 'app/a', 'internet', 443)).toBe(true);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(false);
  });

  it('when policyTypes is left out and there are no egress rules, then only ingress is isolated', () => {
    const flows = reachability([...netpol('app', '  podSelector: {}\n  egress: []'), ...pods]);
    expect(allowed(flows, 'app/a', 'internet', 443)).toBe(true);
    expect(allowed(flows, 'internet', 'app/a', 8080)).toBe(false);
  });

  it('when two policies select a pod, then what either allows is allowed', () => {
    const flows = reachability([
      ...netpol(
        'app',
        '  podSelector: { matchLabels: { role: b } }\n  ingress: [{ from: [{ podSelector: { matchLabels: { role: a } } }] }]',
      ),
      ...netpol(
        'app',
        '  podSelector: { matchExpressions: [{ key: role, operator: In, values: [b] }] }\n  ingress: [{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]',
      ),
      ...pods,
      pod('app/c'),
    ]);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(true);
    expect(allowed(flows, 'internet', 'app/b', 8080)).toBe(true);
    expect(allowed(flows, 'app/c', 'app/b', 8080)).toBe(false);
  });

  it('when a policy lives in another namespace, then it does not select the pod', () => {
    const flows = reachability([
      ...netpol('elsewhere', '  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
      ...pods,
    ]);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(true);
  });

  it('when the source egress allows but the destination ingress does not, then the flow is denied', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: { matchLabels: { role: a } }\n  egress: [{}]'),
      ...netpol('app', '  podSelector: { matchLabels: { role: b } }\n  ingress: []'),
      ...pods,
    ]);
    expect(allowed(flows, 'app/a', 'app/b', 8080)).toBe(false);
    expect(allowed(flows, 'app/b', 'app/a', 8080)).toBe(false);
    expect(allowed(flows, 'app/a', 'internet', 443)).toBe(true);
  });
});

describe('reachability: peers', () => {
  it('when a namespace is not declared, then its automatic kubernetes.io/metadata.name label still selects it', () => {
    const from =
      '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: clients } } }]';
    const flows = reachability([
      ...netpol('app', `  podSelector: {}\n  ingress: [{ from: ${from} }]`),
      pod('app/server', {}, ['80']),
      pod('clients/web'),
      pod('strangers/web'),
    ]);
    expect(allowed(flows, 'clients/web', 'app/server', 80)).toBe(true);
    expect(allowed(flows, 'strangers/web', 'app/server', 80)).toBe(false);
  });

  it('when a declared namespace carries labels, then a namespaceSelector with matchExpressions reads them', () => {
    const from =
      '[{ namespaceSelector: { matchExpressions: [{ key: team, operator: NotIn, values: [red] }] } }]';
    const flows = reachability([
      ...netpol('app', `  podSelector: {}\n  ingress: [{ from: ${from} }]`),
      namespace('blue', { team: 'blue' }),
      namespace('red', { team: 'red' }),
      pod('app/server', {}, ['80']),
      pod('blue/web'),
      pod('red/web'),
    ]);
    expect(allowed(flows, 'blue/web', 'app/server', 80)).toBe(true);
    expect(allowed(flows, 'red/web', 'app/server', 80)).toBe(false);
  });

  it('when egress goes to every pod of every namespace, then kube-dns is reached but the API server and internet are not', () => {
    const flows = reachability([
      ...netpol('app', '  podSelector: {}\n  egress: [{ to: [{ namespaceSelector: {} }] }]'),
      pod('app/a'),
    ]);
    expect(allowed(flows, 'app/a', 'kube-dns', 53, 'TCP')).toBe(true);
    expect(allowed(flows, 'app/a', 'kube-apiserver', 443)).toBe(false);
    expect(allowed(flows, 'app/a', 'internet', 443)).toBe(false);
  });

  it('when an ipBlock covers the API server address, then it is reached', () => {
    const flows = reachability([
      ...netpol(
        'app',
        '  podSelector: {}\n  egress: [{ to: [{ ipBlock: { cidr: 10.96.0.1/32 } }] }]',
      ),
      pod('app/a'),
    ]);
    expect(allowed(flows, 'app/a', 'kube-apiserver', 443)).toBe(true);
    expect(allowed(flows, 'app/a', 'internet', 443)).toBe(false);
  });

  it('when only an IPv6 ipBlock is allowed, then IPv6 peers are reached and excepted ones are not', () => {
    const to = "[{ ipBlock: { cidr: '::/0', except: ['2001:db8:dead::/48'] } }]";
    const flows = reachability(
      [...netpol('app', `  podSelector: {}\n  egress: [{ to: ${to} }]`), pod('app/a')],
      {
        outside: [
          peer('v6-host', ['2001:db8:1::1']),
          peer('v6-excepted', ['2001:db8:dead::1']),
          peer('v4-host', ['198.51.100.1']),
        ],
      },
    );
    expect(allowed(flows, 'app/a', 'v6-host', 443)).toBe(true);
    expect(allowed(flows, 'app/a', 'v6-excepted', 443)).toBe(false);
    expect(allowed(flows, 'app/a', 'v4-host', 443)).toBe(false);
  });
});

describe('reachability: the matrix', () => {
  it('when workloads of each kind are given, then each is named namespace/name, default namespace included', () => {
    const template = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'x', image: 'x:1', ports: [{ containerPort: 80 }] }] },
    };
    const objects = [
      ...[
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'ReplicaSet',
        'Job',
        'ReplicationController',
      ].map((kind) => ({
        kind,
        metadata: { name: kind.toLowerCase(), namespace: 'ns' },
        spec: { template },
      })),
      {
        kind: 'CronJob',
        metadata: { name: 'cronjob', namespace: 'ns' },
        spec: { jobTemplate: { spec: { template } } },
      },
      { kind: 'Pod', metadata: { name: 'bare' }, spec: template.spec },
      {
        kind: 'Service',
        metadata: { name: 'svc', namespace: 'ns' },
        spec: { ports: [{ port: 80 }] },
      },
    ];
    const names = new Set(reachability(objects).map((flow) => flow.to));
    expect([...names].sort()).toEqual(
      [
        'default/bare',
        'internet',
        'kube-apiserver',
        'kube-dns',
        'ns/cronjob',
        'ns/daemonset',
        'ns/deployment',
        'ns/job',
        'ns/replicaset',
        'ns/replicationcontroller',
        'ns/statefulset',
      ].sort(),
    );
  });

  it('when flows are listed, then every destination port appears once per source and no pair of two outside peers does', () => {
    const flows = reachability([pod('app/a', {}, ['80', '53/UDP'])]);
    expect(
      flows
        .filter((flow) => flow.to === 'app/a')
        .map((flow) => `${flow.from} ${flow.port}/${flow.protocol}`),
    ).toEqual([
      'app/a 80/TCP',
      'app/a 53/UDP',
      'internet 80/TCP',
      'internet 53/UDP',
      'kube-dns 80/TCP',
      'kube-dns 53/UDP',
      'kube-apiserver 80/TCP',
      'kube-apiserver 53/UDP',
    ]);
    expect(flows.some((flow) => !flow.from.includes('/') && !flow.to.includes('/'))).toBe(false);
  });

  it('when a port is declared twice, then it is one destination port in the matrix', () => {
    const flows = reachability([pod('app/a', {}, ['http:80', 'web:80', '80/UDP'])]);

    expect(flows.filter((flow) => flow.from === 'internet').map((flow) => flow.port)).toEqual([
      80, 80,
    ]);
  });
});
