import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { namespaceOf, podTemplateOf, type KubernetesObject } from '../../manifests/index.ts';
import {
  diffIntent,
  explainFlow,
  reachability,
  workloadsOf,
  type Difference,
  type IntendedFlow,
  type SideExplanation,
} from '../../netpol/index.ts';
import type { K8sObject, Problem, Rule } from '../rule.ts';

/** What netpol-intent compares the render with. */
export interface NetpolIntentOptions {
  /** The flows meant to be allowed (parseIntent of k8s/network-intent.yaml); all else denied. */
  intent: readonly IntendedFlow[];
  /** Stand-ins for what the cluster runs outside the overlay (k8s/cluster-peers.yaml). */
  peers?: readonly KubernetesObject[];
  /** The intent file, named when an entry of it is not in the matrix. */
  intentFile?: string;
}

const problems = {
  unintended: 'allowed, not intended',
  denied: 'intended, denied',
  unknown: 'intended, not in the matrix',
} as const;

/**
 * The NetworkPolicy reachability matrix of the render (with the cluster stand-ins as peers) is
 * exactly the intent: every flow to or from a rendered workload that differs is one problem.
 * Flows among the stand-ins and the outside peers alone are not the overlay's to police.
 * @example netpolIntent({ intent: parseIntent(text), peers })
 */
export function netpolIntent({
  intent,
  peers = [],
  intentFile = 'network-intent.yaml',
}: NetpolIntentOptions): Rule {
  return {
    id: 'netpol-intent',
    severity: 'error',
    reason:
      'A NetworkPolicy that lets through more than the design is a path for an attacker; one that blocks a needed flow is an outage found only in the cluster.',
    fix: 'change the NetworkPolicy named in the message, or the intent file when the design changed',
    check: (objects) => {
      const everything = [...objects, ...peers];
      const own = new Set(workloadsOf(objects).map(({ name }) => name));
      const flows = reachability(everything).filter(({ from, to }) => own.has(from) || own.has(to));
      return diffIntent(flows, intent).map((difference) =>
        problemOf(difference, explainFlow(everything, difference), objects, intentFile),
      );
    },
  };
}

function problemOf(
  difference: Difference,
  sides: readonly SideExplanation[],
  objects: readonly K8sObject[],
  intentFile: string,
): Problem {
  const { from, to, port, protocol, problem } = difference;
  const message = `${problems[problem]}: ${from} -> ${to} ${port}/${protocol}`;
  if (problem === 'unknown') {
    const object = { apiVersion: 'v1', kind: 'NetworkIntent', metadata: { name: intentFile } };
    const fix = `correct the entry in ${intentFile}: no such workload, peer or declared port`;
    return { object, path: [], message, fix };
  }
  if (problem === 'unintended') {
    // Point at the first rendered policy rule that lets the flow through.
    const [allowed] = sides.flatMap(({ direction, allowing }) =>
      allowing
        .filter(({ policy }) => objects.includes(policy as K8sObject))
        .map(({ policy, rule }) => ({ policy, path: ['spec', direction.toLowerCase(), rule] })),
    );
    if (allowed !== undefined) {
      const fix = `narrow ${policyName(allowed.policy)} so it no longer admits this flow, or add the flow to ${intentFile}`;
      return { object: allowed.policy as K8sObject, path: allowed.path, message, fix };
    }
  }
  // The workload whose side blocks the flow, or the one that has no policy at all.
  const blocking = sides
    .filter(({ allowing }) => allowing.length === 0)
    .map((side) => side.endpoint);
  return {
    object: workloadObject([...blocking, from, to], objects),
    path: [],
    message,
    fix: sideFix(difference, sides),
  };
}

/** What to change on the sides that let everything by (unintended) or block the flow (denied). */
function sideFix({ problem }: Difference, sides: readonly SideExplanation[]): string {
  if (problem === 'unintended') {
    const open = sides.map(
      ({ direction, endpoint }) => `${direction.toLowerCase()} of ${endpoint}`,
    );
    return `no NetworkPolicy isolates ${open.join(' or ')}: add a default-deny policy in its namespace`;
  }
  const blocking = sides.filter(
    ({ allowing, isolating }) => isolating.length > 0 && allowing.length === 0,
  );
  return blocking
    .map(
      ({ direction, endpoint, isolating }) =>
        `add an ${direction.toLowerCase()} rule for it to a NetworkPolicy selecting ${endpoint} (isolated by ${isolating.map(policyName).join(', ')})`,
    )
    .join('; ');
}

function policyName(policy: INetworkPolicy): string {
  return `NetworkPolicy ${namespaceOf(policy)}/${policy.metadata?.name ?? ''}`;
}

/** The first of the named endpoints (`namespace/name`) that is a rendered workload. */
function workloadObject(names: readonly string[], objects: readonly K8sObject[]): K8sObject {
  const workloads = objects.filter((object) => podTemplateOf(object) !== undefined);
  for (const name of names) {
    const object = workloads.find((o) => `${namespaceOf(o)}/${o.metadata?.name ?? ''}` === name);
    if (object !== undefined) return object;
  }
  throw new Error(`no rendered workload among ${names.join(', ')}`);
}
