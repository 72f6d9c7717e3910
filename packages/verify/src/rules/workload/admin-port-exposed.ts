import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { Segment } from '../field-path.ts';
import type { K8sObject, Problem, Rule } from '../rule.ts';
import { namespaceOf } from '../../manifests/index.ts';

/** The admin port of every Bulkhead service: /livez, /readyz and /metrics. */
export const adminPort = 9090;

const edgeServiceTypes = new Set(['LoadBalancer', 'NodePort']);
const routeKinds = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

export const adminPortExposed: Rule = {
  id: 'admin-port-exposed',
  severity: 'error',
  reason:
    'The admin port serves metrics and health details for the cluster only; routed from the edge it leaks internals and lets anyone flip readiness checks under load.',
  fix: `expose only the API port (8443) at the edge; reach the admin port (${adminPort}, "admin") from inside the cluster (monitoring)`,
  check: (objects) => [
    ...objects.filter((o) => o.kind === 'Service').flatMap(edgeServicePorts),
    ...objects.filter((o) => routeKinds.has(o.kind)).flatMap((o) => routeBackends(o, objects)),
    ...objects.filter((o) => o.kind === 'Gateway').flatMap(gatewayListeners),
  ],
};

function isAdmin({ name, port, targetPort }: IServicePort): boolean {
  return (
    name === 'admin' || port === adminPort || targetPort === adminPort || targetPort === 'admin'
  );
}

function edgeServicePorts(service: K8sObject): Problem[] {
  const spec = service.spec as { type?: string; ports?: IServicePort[] } | undefined;
  if (!edgeServiceTypes.has(spec?.type ?? 'ClusterIP')) return [];
  return (spec?.ports ?? []).flatMap((port, index) =>
    isAdmin(port)
      ? [
          problem(
            service,
            ['spec', 'ports', index],
            `${spec?.type ?? ''} Service exposes the admin port`,
          ),
        ]
      : [],
  );
}

interface BackendRef {
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
}

function routeBackends(route: K8sObject, objects: readonly K8sObject[]): Problem[] {
  const rules = (route.spec as { rules?: { backendRefs?: BackendRef[] }[] } | undefined)?.rules;
  return (rules ?? []).flatMap((rule, ruleIndex) =>
    (rule.backendRefs ?? []).flatMap((ref, refIndex) => {
      const ports = serviceOf(ref, namespaceOf(route), objects)?.ports ?? [];
      const target = ports.find(({ port }) => port === ref.port);
      if (ref.port !== adminPort && (target === undefined || !isAdmin(target))) return [];
      const path = ['spec', 'rules', ruleIndex, 'backendRefs', refIndex, 'port'];
      return [
        problem(
          route,
          path,
          `${route.kind} routes edge traffic to the admin port of "${ref.name}"`,
        ),
      ];
    }),
  );
}

function serviceOf(ref: BackendRef, namespace: string, objects: readonly K8sObject[]) {
  if ((ref.kind ?? 'Service') !== 'Service') return undefined;
  const service = objects.find(
    (o) =>
      o.kind === 'Service' &&
      o.metadata?.name === ref.name &&
      namespaceOf(o) === (ref.namespace ?? namespace),
  );
  return service?.spec as { ports?: IServicePort[] } | undefined;
}

function gatewayListeners(gateway: K8sObject): Problem[] {
  const listeners = (gateway.spec as { listeners?: { name: string; port: number }[] } | undefined)
    ?.listeners;
  return (listeners ?? []).flatMap(({ name, port }, index) =>
    name === 'admin' || port === adminPort
      ? [
          problem(
            gateway,
            ['spec', 'listeners', index],
            `listener "${name}" opens the admin port at the edge`,
          ),
        ]
      : [],
  );
}

function problem(object: K8sObject, path: Segment[], message: string): Problem {
  return { object, path, message };
}
