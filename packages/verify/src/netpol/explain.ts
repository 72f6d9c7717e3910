import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

import { outsidePeers } from './endpoint.ts';
import { allowingRule, isolatingPolicies, type Direction } from './policy.ts';
import { networkOf, type Flow, type ReachabilityOptions } from './reachability.ts';

/** One side of a flow that runs as pods, and the NetworkPolicies that decide it. */
export interface SideExplanation {
  direction: Direction;
  /** Whose side it is: the source for Egress, the destination for Ingress. */
  endpoint: string;
  /** The policies that isolate it for this direction; none means the side lets everything by. */
  isolating: INetworkPolicy[];
  /** Among them, each policy that lets the flow through, with the index of its rule. */
  allowing: { policy: INetworkPolicy; rule: number }[];
}

/**
 * Which NetworkPolicies decide a flow of `reachability(objects)`: for the source's egress and
 * the destination's ingress (each side run by pods), the policies that isolate it and those that
 * let the flow through. Empty when the flow is not in the matrix.
 * @example explainFlow(objects, flow).flatMap((side) => side.allowing) // what to tighten
 */
export function explainFlow(
  objects: readonly unknown[],
  flow: Omit<Flow, 'allowed'>,
  { outside = outsidePeers }: ReachabilityOptions = {},
): SideExplanation[] {
  const { context, workloads } = networkOf(objects);
  const endpoints = [...workloads, ...outside];
  const source = endpoints.find(({ name }) => name === flow.from);
  const destination = endpoints.find(({ name }) => name === flow.to);
  const port = destination?.ports.find(
    (declared) => declared.port === flow.port && declared.protocol === flow.protocol,
  );
  if (source === undefined || destination === undefined || port === undefined) return [];
  const connection = { source, destination, port };
  const sides = [
    ['Egress', source],
    ['Ingress', destination],
  ] as const;
  return sides
    .filter(([, endpoint]) => endpoint.pod !== undefined)
    .map(([direction, endpoint]) => {
      const isolating = isolatingPolicies(direction, endpoint, context);
      const allowing = isolating
        .map((policy) => ({ policy, rule: allowingRule(policy, direction, connection, context) }))
        .filter(({ rule }) => rule !== -1);
      return { direction, endpoint: endpoint.name, isolating, allowing };
    });
}
