/** A transport protocol a NetworkPolicy port can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A port something listens on: a containerPort of a workload, or a port of an outside peer. */
export interface DeclaredPort {
  port: number;
  protocol: Protocol;
  /** The containerPort name, which NetworkPolicy named ports resolve against. */
  name?: string;
}

/** Labels as Kubernetes stores them. */
export type Labels = Readonly<Record<string, string>>;

/**
 * One side of a flow: a workload, or a peer outside the manifests.
 * `pod` is set when the endpoint runs as pods (so selectors and policies apply to it);
 * `ips` are the addresses an `ipBlock` may match (pods get none: their IPs are ephemeral).
 */
export interface Endpoint {
  /** `namespace/name` for a workload; a plain name (`internet`) for an outside peer. */
  name: string;
  pod?: { namespace: string; labels: Labels };
  ips: readonly string[];
  ports: readonly DeclaredPort[];
}

/**
 * The peers every matrix includes besides the workloads:
 * - `internet`: an address outside the cluster, over IPv4 and IPv6, reached on 443/TCP;
 * - `kube-dns`: the cluster DNS pods (kube-system, `k8s-app=kube-dns`), 53/UDP and 53/TCP;
 * - `kube-apiserver`: the API server's service IP on 443/TCP. Most CNIs see it as an address, not a
 *   pod, so only an `ipBlock` matches it.
 */
export const outsidePeers: readonly Endpoint[] = [
  {
    name: 'internet',
    ips: ['203.0.113.10', '2001:db8::10'],
    ports: [{ port: 443, protocol: 'TCP' }],
  },
  {
    name: 'kube-dns',
    pod: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    ips: [],
    ports: [
      { port: 53, protocol: 'UDP', name: 'dns' },
      { port: 53, protocol: 'TCP', name: 'dns-tcp' },
    ],
  },
  { name: 'kube-apiserver', ips: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
];
