import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

import { outsidePeers, type Endpoint, type Protocol } from './endpoint.ts';
import { sideAllows, type PolicyContext } from './policy.ts';
import type { KubernetesObject } from '../manifests/index.ts';
import { namespaceLabelsOf, workloadsOf } from './workloads.ts';

/** One cell of the matrix: whether `from` can open a connection to `to` on `port`/`protocol`. */
export interface Flow {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

/** Options of {@link reachability}. */
export interface ReachabilityOptions {
  /** The peers outside the manifests; default: `internet`, `kube-dns`, `kube-apiserver`. */
  outside?: readonly Endpoint[];
}

/**
 * The reachability matrix of a set of Kubernetes objects, with NetworkPolicy semantics as
 * Kubernetes defines them: a flow is allowed when the source's egress side and the destination's
 * ingress side both allow it (a side without pods — the internet, the API server — has no policy).
 * One flow per ordered pair of endpoints with at least one workload of `objects` (a workload and
 * itself included, for its replicas), and per port the destination declares.
 * @example reachability(objects).filter((flow) => flow.allowed)
 */
export function reachability(
  objects: readonly unknown[],
  { outside = outsidePeers }: ReachabilityOptions = {},
): Flow[] {
  const { context, workloads } = networkOf(objects);
  // Pairs of two outside peers say nothing about the manifests, so they are left out.
  const pairs = [
    ...workloads.flatMap((source) => [...workloads, ...outside].map((to) => [source, to] as const)),
    ...outside.flatMap((source) => workloads.map((to) => [source, to] as const)),
  ];
  return pairs.flatMap(([source, destination]) =>
    destination.ports.map((port) => {
      const connection = { source, destination, port };
      return {
        from: source.name,
        to: destination.name,
        port: port.port,
        protocol: port.protocol,
        allowed:
          sideAllows('Egress', connection, context) && sideAllows('Ingress', connection, context),
      };
    }),
  );
}

/** The workloads of a set of objects and what their policies need to decide a connection. */
export function networkOf(objects: readonly unknown[]): {
  context: PolicyContext;
  workloads: Endpoint[];
} {
  const kubeObjects = objects.filter(
    (object): object is KubernetesObject => typeof object === 'object' && object !== null,
  );
  const context: PolicyContext = {
    policies: kubeObjects.filter((object) => object.kind === 'NetworkPolicy') as INetworkPolicy[],
    namespaceLabels: namespaceLabelsOf(kubeObjects),
  };
  return { context, workloads: workloadsOf(kubeObjects) };
}
