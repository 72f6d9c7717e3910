import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { repoRoot, renderOverlays } from './render.ts';
import {
  diffIntent,
  outsidePeers,
  parseIntent,
  reachability,
  type Endpoint,
  type Flow,
  type IntendedFlow,
} from '../../packages/verify/src/netpol/index.ts';

// The same intent and stand-ins that `bulkhead verify` reads.
const fixtures = join(repoRoot, 'k8s');
const standIns = parseAllDocuments(readFileSync(join(fixtures, 'cluster-peers.yaml'), 'utf8')).map(
  (document) => document.toJS() as unknown,
);
const designTable = parseIntent(readFileSync(join(fixtures, 'network-intent.yaml'), 'utf8'));

// cloud-provider-kind runs its Envoy as a Docker container on the `kind` network, outside the
// cluster: to NetworkPolicy it is an address in 172.18.0.0/16, not a pod. It is a source only.
const kindNetwork: Endpoint = { name: 'kind-network', ips: ['172.18.0.3'], ports: [] };
const kindEdgeFlow: IntendedFlow = {
  from: 'kind-network',
  to: 'bulkhead-gateway/gateway',
  port: 8443,
  protocol: 'TCP',
};

// Flows between stand-ins and outside peers are the cluster's business, not the kit's.
const touchesBulkhead = ({ from, to }: Flow) =>
  from.startsWith('bulkhead-') || to.startsWith('bulkhead-');

let matrices: Record<'kind' | 'production', Flow[]>;
beforeAll(async () => {
  const rendered = await renderOverlays();
  const matrixOf = (objects: readonly unknown[]) =>
    reachability([...objects, ...standIns], { outside: [...outsidePeers, kindNetwork] }).filter(
      touchesBulkhead,
    );
  matrices = {
    kind: matrixOf(rendered['k8s/overlays/kind']),
    production: matrixOf(rendered['k8s/overlays/production']),
  };
});

describe('NetworkPolicies of k8s/overlays/production', () => {
  it("when every flow is worked out, then exactly DESIGN.md's table is allowed", () => {
    expect(diffIntent(matrices.production, designTable)).toEqual([]);
  });
});

describe('NetworkPolicies of k8s/overlays/kind', () => {
  it("when every flow is worked out, then DESIGN.md's table plus the kind network's edge is allowed", () => {
    expect(diffIntent(matrices.kind, [...designTable, kindEdgeFlow])).toEqual([]);
  });

  it('when the kind network may call gateway, then the internet still may not', () => {
    const intoGateway = matrices.kind.filter(
      (flow) => flow.to === 'bulkhead-gateway/gateway' && flow.allowed,
    );

    expect(intoGateway.map((flow) => flow.from).sort()).toEqual([
      'edge/proxy',
      'kind-network',
      'monitoring/prometheus',
    ]);
  });
});
