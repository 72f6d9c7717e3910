import { join } from 'node:path';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderLayers } from '../../src/render/render-layers.ts';
import { loadNetworkIntent } from '../../src/rules/network/load-network-intent.ts';
import { netpolIntent, type NetpolIntentOptions } from '../../src/rules/network/netpol-intent.ts';
import { runRules, type K8sObject } from '../../src/rules/rule.ts';

const k8s = join(import.meta.dirname, '..', '..', '..', '..', 'k8s');

let rendered: K8sObject[];
let network: NetpolIntentOptions;
beforeAll(async () => {
  ({ objects: rendered } = await renderLayers(join(k8s, 'overlays', 'production')));
  const loaded = await loadNetworkIntent({
    intent: join(k8s, 'network-intent.yaml'),
    peers: join(k8s, 'cluster-peers.yaml'),
  });
  if (!('options' in loaded)) throw new Error(loaded.skipped);
  network = { ...loaded.options, intentFile: 'network-intent.yaml' };
}, 60_000);

/** A fresh copy of the production render, so a test can break its own. */
function objects(): K8sObject[] {
  return structuredClone(rendered);
}

function policy(all: readonly K8sObject[], namespace: string, name: string): INetworkPolicy {
  const found = all.find(
    (o) =>
      o.kind === 'NetworkPolicy' && o.metadata?.namespace === namespace && o.metadata.name === name,
  );
  if (found === undefined) throw new Error(`no NetworkPolicy ${namespace}/${name}`);
  return found as INetworkPolicy;
}

describe('netpol-intent', () => {
  it('when the production policies are checked against k8s/network-intent.yaml, then they match', () => {
    expect(runRules(objects(), [netpolIntent(network)])).toEqual([]);
  });

  it('when a policy lets notes out to 0.0.0.0/0, then each new flow names that policy rule', () => {
    // Arrange
    const all = objects();
    all.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'notes-anywhere', namespace: 'bulkhead-notes' },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      },
    });

    // Act
    const findings = runRules(all, [netpolIntent(network)]);

    // Assert
    expect(findings.map(({ object, path, message }) => [object.name, path, message])).toEqual([
      [
        'notes-anywhere',
        'spec.egress[0]',
        'allowed, not intended: bulkhead-notes/notes -> internet 443/TCP',
      ],
      [
        'notes-anywhere',
        'spec.egress[0]',
        'allowed, not intended: bulkhead-notes/notes -> kube-apiserver 443/TCP',
      ],
    ]);
    expect(findings[0]?.fix).toContain('narrow NetworkPolicy bulkhead-notes/notes-anywhere');
  });

  it('when the edge policy admits every address, then the internet reaching gateway is reported', () => {
    const all = objects();
    const edge = policy(all, 'bulkhead-gateway', 'gateway-from-edge');
    edge.spec?.ingress?.[0]?.from?.push({ ipBlock: { cidr: '0.0.0.0/0' } });

    const findings = runRules(all, [netpolIntent(network)]);

    expect(findings.map(({ path, message }) => `${path}: ${message}`)).toEqual([
      'spec.ingress[0]: allowed, not intended: internet -> bulkhead-gateway/gateway 8443/TCP',
      'spec.ingress[0]: allowed, not intended: kube-apiserver -> bulkhead-gateway/gateway 8443/TCP',
    ]);
  });

  it('when notes may no longer call auth, then the denied flow names the workload and its policies', () => {
    const all = objects().filter((o) => o.metadata?.name !== 'notes-to-auth');

    const [finding, ...rest] = runRules(all, [netpolIntent(network)]);

    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'netpol-intent',
      object: { kind: 'Deployment', namespace: 'bulkhead-notes', name: 'notes' },
      message: 'intended, denied: bulkhead-notes/notes -> bulkhead-auth/auth 8443/TCP',
    });
    expect(finding?.fix).toContain(
      'add an egress rule for it to a NetworkPolicy selecting bulkhead-notes/notes',
    );
    expect(finding?.fix).toContain('NetworkPolicy bulkhead-notes/default-deny');
  });

  it('when the cluster stand-ins are left out, then the edge and monitoring flows are not in the matrix', () => {
    const findings = runRules(objects(), [netpolIntent({ ...network, peers: [] })]);

    expect(new Set(findings.map(({ message }) => message.split(':')[0]))).toEqual(
      new Set(['intended, not in the matrix']),
    );
    expect(findings.map(({ message }) => message)).toContain(
      'intended, not in the matrix: envoy-gateway-system/envoy-edge -> bulkhead-gateway/gateway 8443/TCP',
    );
    expect(findings[0]).toMatchObject({
      object: { kind: 'NetworkIntent', name: 'network-intent.yaml' },
    });
  });
});
