import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { repoRoot, renderOverlays, type K8sObject } from './render.ts';
import {
  diffIntent,
  outsidePeers,
  parseIntent,
  reachability,
  type Flow,
} from '../../packages/verify/src/netpol/index.ts';

// The same intent and stand-ins that `bulkhead verify` reads.
const fixtures = join(repoRoot, 'k8s');
const standIns = parseAllDocuments(readFileSync(join(fixtures, 'cluster-peers.yaml'), 'utf8')).map(
  (document) => document.toJS() as unknown,
);
const designTable = parseIntent(readFileSync(join(fixtures, 'network-intent.yaml'), 'utf8'));

// Flows between stand-ins and outside peers are the cluster's business, not the kit's.
const touchesBulkhead = ({ from, to }: Flow) =>
  from.startsWith('bulkhead-') || to.startsWith('bulkhead-');

let rendered: Record<'kind' | 'production', K8sObject[]>;
let matrices: Record<'kind' | 'production', Flow[]>;
beforeAll(async () => {
  const overlays = await renderOverlays();
  rendered = {
    kind: overlays['k8s/overlays/kind'],
    production: overlays['k8s/overlays/production'],
  };
  const matrixOf = (objects: readonly unknown[]) =>
    reachability([...objects, ...standIns], { outside: outsidePeers }).filter(touchesBulkhead);
  matrices = { kind: matrixOf(rendered.kind), production: matrixOf(rendered.production) };
});

describe.each(['kind', 'production'] as const)('NetworkPolicies of k8s/overlays/%s', (overlay) => {
  it('when every flow is worked out, then exactly the network intent is allowed', () => {
    expect(diffIntent(matrices[overlay], designTable)).toEqual([]);
  });

  it("when gateway's callers are listed, then they are the edge's Envoy proxies and the scraper", () => {
    const intoGateway = matrices[overlay].filter(
      (flow) => flow.to === 'bulkhead-gateway/gateway' && flow.allowed,
    );

    expect([...new Set(intoGateway.map((flow) => flow.from))].sort()).toEqual([
      'envoy-gateway-system/envoy-edge',
      'monitoring/prometheus',
    ]);
  });

  it("when Envoy Gateway's own controller calls gateway, then it is denied, like the internet", () => {
    const allowed = (from: string) =>
      matrices[overlay].find(
        (flow) =>
          flow.from === from && flow.to === 'bulkhead-gateway/gateway' && flow.port === 8443,
      )?.allowed;

    expect(allowed('envoy-gateway-system/envoy-edge')).toBe(true);
    expect(allowed('envoy-gateway-system/envoy-gateway')).toBe(false);
    expect(allowed('internet')).toBe(false);
  });
});

describe.each(['kind', 'production'] as const)('k8s/overlays/%s', (overlay) => {
  it('when rendered, then no NetworkPolicy admits an address block: peers are pods', () => {
    const policies = rendered[overlay].filter((object) => object.kind === 'NetworkPolicy');

    expect(policies.length).toBeGreaterThan(0);
    expect(JSON.stringify(policies)).not.toContain('ipBlock');
  });
});
