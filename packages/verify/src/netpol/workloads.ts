import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';

import type { DeclaredPort, Endpoint, Labels } from './endpoint.ts';

/** The fields of any Kubernetes object this module reads. */
export interface KubeObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

const templateKinds = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
]);

/** The namespace an object lives in; manifests without one land in `default`, as with kubectl. */
export function namespaceOf(object: { metadata?: { namespace?: string } }): string {
  return object.metadata?.namespace ?? 'default';
}

/** The pod template a workload object runs, or undefined when the object runs no pods. */
function podTemplateOf(object: KubeObject): IPodTemplateSpec | undefined {
  if (object.kind === 'Pod') return object as IPodTemplateSpec;
  if (object.kind === 'CronJob') {
    const job = object.spec?.jobTemplate as { spec?: { template?: IPodTemplateSpec } } | undefined;
    return job?.spec?.template;
  }
  if (object.kind !== undefined && templateKinds.has(object.kind)) {
    return object.spec?.template as IPodTemplateSpec | undefined;
  }
  return undefined;
}

/** containerPorts of the app containers and of sidecars (init containers that keep running). */
function portsOf(template: IPodTemplateSpec): DeclaredPort[] {
  const sidecars = (template.spec?.initContainers ?? []).filter(
    (c) => c.restartPolicy === 'Always',
  );
  const containers = [...(template.spec?.containers ?? []), ...sidecars];
  const ports = new Map<string, DeclaredPort>();
  for (const { containerPort: port, protocol = 'TCP', name } of containers.flatMap(
    (container) => container.ports ?? [],
  )) {
    // A port declared twice is one port: the first declaration (and its name) wins.
    if (!ports.has(`${port}/${protocol}`))
      ports.set(`${port}/${protocol}`, { port, protocol, name });
  }
  return [...ports.values()];
}

/**
 * Every workload among `objects` — Pods and the pod templates of Deployments, StatefulSets,
 * DaemonSets, ReplicaSets, Jobs, CronJobs and ReplicationControllers — as an endpoint named
 * `namespace/name` with its pod labels and declared ports.
 */
export function workloadsOf(objects: readonly KubeObject[]): Endpoint[] {
  return objects.flatMap((object) => {
    const template = podTemplateOf(object);
    if (template === undefined) return [];
    const namespace = namespaceOf(object);
    const labels: Labels = template.metadata?.labels ?? {};
    return [
      {
        name: `${namespace}/${object.metadata?.name ?? '(unnamed)'}`,
        pod: { namespace, labels },
        ips: [],
        ports: portsOf(template),
      },
    ];
  });
}

/**
 * A lookup of namespace labels: those declared on Namespace objects plus the automatic
 * `kubernetes.io/metadata.name`, which every namespace carries, declared here or not.
 */
export function namespaceLabelsOf(objects: readonly KubeObject[]): (namespace: string) => Labels {
  const declared = new Map<string, Labels>();
  for (const object of objects) {
    if (object.kind === 'Namespace' && object.metadata?.name !== undefined) {
      declared.set(object.metadata.name, object.metadata.labels ?? {});
    }
  }
  return (namespace) => ({
    ...declared.get(namespace),
    'kubernetes.io/metadata.name': namespace,
  });
}
