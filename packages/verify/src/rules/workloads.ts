import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { Segment } from './field-path.ts';
import type { K8sObject } from './rule.ts';

type ObjectMeta = NonNullable<IPodTemplateSpec['metadata']>;

/** A pod template inside a workload, with the path that leads to its `spec`. */
export interface PodTemplate {
  object: K8sObject;
  metadata: ObjectMeta;
  spec: IPodSpec;
  /** Path of the pod spec inside the object, e.g. `spec.template.spec`. */
  path: Segment[];
}

// Where each workload kind keeps its pod template (metadata sits beside `spec`).
const templatePaths: Record<string, Segment[]> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds that run to completion: probes make no sense for them. */
export const batchKinds = new Set(['Job', 'CronJob']);

/** Every pod template of the workloads among the objects. */
export function podTemplates(objects: readonly K8sObject[]): PodTemplate[] {
  return objects.flatMap((object) => {
    const path = templatePaths[object.kind];
    if (path === undefined) return [];
    const template = path.reduce<unknown>((node, key) => field(node, key), object);
    const spec = field(template, 'spec');
    if (typeof spec !== 'object' || spec === null) return [];
    const metadata = (field(template, 'metadata') ?? {}) as ObjectMeta;
    return [{ object, metadata, spec: spec as IPodSpec, path: [...path, 'spec'] }];
  });
}

/** A container of a pod template with its path inside the object. */
export interface ContainerAt {
  container: IContainer;
  path: Segment[];
}

/** The containers (and, with `init`, the init containers) of a pod template. */
export function containersOf({ spec, path }: PodTemplate, { init = true } = {}): ContainerAt[] {
  const lists = init ? (['initContainers', 'containers'] as const) : (['containers'] as const);
  return lists.flatMap((list) =>
    (spec[list] ?? []).map((container, index) => ({ container, path: [...path, list, index] })),
  );
}

/** The namespace an object lands in when applied: its own, or `default` when it has none. */
export function namespaceOf(object: K8sObject): string {
  return object.metadata?.namespace ?? 'default';
}

function field(node: unknown, key: Segment): unknown {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Record<Segment, unknown>)[key];
}
