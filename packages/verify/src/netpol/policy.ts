import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';

import type { DeclaredPort, Endpoint, Labels } from './endpoint.ts';
import { inIpBlock } from './ip-block.ts';
import { namespaceOf, selects } from '../manifests/index.ts';

/** Which side of a connection a policy governs. */
export type Direction = 'Ingress' | 'Egress';

/** What one side needs to decide: the policies and the namespace labels. */
export interface PolicyContext {
  policies: readonly INetworkPolicy[];
  namespaceLabels: (namespace: string) => Labels;
}

/** One connection: from `source` to `destination` on one port `destination` declares. */
export interface Connection {
  source: Endpoint;
  destination: Endpoint;
  port: DeclaredPort;
}

/** spec.policyTypes, or its API default: Ingress, plus Egress when there are egress rules. */
export function policyTypesOf(policy: INetworkPolicy): readonly Direction[] {
  const spec = policy.spec ?? {};
  if (spec.policyTypes !== undefined && spec.policyTypes.length > 0) return spec.policyTypes;
  return (spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(
  peer: INetworkPolicyPeer,
  policyNamespace: string,
  other: Endpoint,
  context: PolicyContext,
): boolean {
  const { ipBlock } = peer;
  if (ipBlock !== undefined) return other.ips.some((ip) => inIpBlock(ipBlock, ip));
  if (other.pod === undefined) return false;
  if (peer.namespaceSelector === undefined && peer.podSelector === undefined) return false;
  // Both selectors in one peer must hold (AND); a podSelector alone means the policy's namespace.
  const inNamespace =
    peer.namespaceSelector === undefined
      ? other.pod.namespace === policyNamespace
      : selects(peer.namespaceSelector, context.namespaceLabels(other.pod.namespace));
  return inNamespace && selects(peer.podSelector ?? {}, other.pod.labels);
}

function portMatches(
  rulePorts: readonly INetworkPolicyPort[] | undefined,
  { port, protocol, name }: DeclaredPort,
): boolean {
  if (rulePorts === undefined || rulePorts.length === 0) return true;
  return rulePorts.some((rule) => {
    if ((rule.protocol ?? 'TCP') !== protocol) return false;
    if (rule.port === undefined) return true;
    // A named port resolves against the destination pod's own containerPort names.
    if (typeof rule.port === 'string') return rule.port === name;
    return rule.endPort === undefined
      ? rule.port === port
      : rule.port <= port && port <= rule.endPort;
  });
}

/** The policies that isolate `self` for `direction`: in its namespace, selecting it, of that type. */
export function isolatingPolicies(
  direction: Direction,
  self: Endpoint,
  context: PolicyContext,
): INetworkPolicy[] {
  const { pod } = self;
  if (pod === undefined) return [];
  return context.policies.filter(
    (policy) =>
      namespaceOf(policy) === pod.namespace &&
      selects(policy.spec?.podSelector ?? {}, pod.labels) &&
      policyTypesOf(policy).includes(direction),
  );
}

/**
 * The index of the first `ingress`/`egress` rule of `policy` that lets `connection` through on
 * the `direction` side — it matches the other side (any of its peers, or all when it lists none)
 * and the port (any listed, or all when none) — or -1.
 */
export function allowingRule(
  policy: INetworkPolicy,
  direction: Direction,
  connection: Connection,
  context: PolicyContext,
): number {
  const other = direction === 'Ingress' ? connection.source : connection.destination;
  const rules =
    direction === 'Ingress'
      ? (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports }))
      : (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }));
  return rules.findIndex(
    ({ peers, ports }) =>
      portMatches(ports, connection.port) &&
      (peers === undefined ||
        peers.length === 0 ||
        peers.some((peer) => peerMatches(peer, namespaceOf(policy), other, context))),
  );
}

/**
 * Whether the `direction` side of `connection` lets it through: the side's pod (destination for
 * Ingress, source for Egress) is not isolated for that direction, or a rule of a policy that
 * isolates it allows the connection (see allowingRule). A side without pods has no policy.
 */
export function sideAllows(
  direction: Direction,
  connection: Connection,
  context: PolicyContext,
): boolean {
  const self = direction === 'Ingress' ? connection.destination : connection.source;
  const isolating = isolatingPolicies(direction, self, context);
  return (
    isolating.length === 0 ||
    isolating.some((policy) => allowingRule(policy, direction, connection, context) !== -1)
  );
}
