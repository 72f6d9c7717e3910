import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

import { namespaceOf, podTemplateOf, type KubernetesObject } from '../manifests/index.ts';
import type { DeclaredPort, Endpoint, Labels } from './endpoint.ts';

/** containerPorts of the app containers and of sidecars (init containers that keep running). */
function portsOf(spec: IPodSpec): DeclaredPort[] {
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const containers = [...spec.containers, ...sidecars];
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
export function workloadsOf(objects: readonly KubernetesObject[]): Endpoint[] {
  return objects.flatMap((object) => {
    // A PodTemplate only describes pods; nothing runs them.
    const template = object.kind === 'PodTemplate' ? undefined : podTemplateOf(object);
    if (template === undefined) return [];
    const namespace = namespaceOf(object);
    const labels: Labels = template.metadata.labels ?? {};
    return [
      {
        name: `${namespace}/${object.metadata?.name ?? '(unnamed)'}`,
        pod: { namespace, labels },
        ips: [],
        ports: portsOf(template.spec),
      },
    ];
  });
}

/**
 * A lookup of namespace labels: those declared on Namespace objects plus the automatic
 * `kubernetes.io/metadata.name`, which every namespace carries, declared here or not.
 */
export function namespaceLabelsOf(
  objects: readonly KubernetesObject[],
): (namespace: string) => Labels {
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
