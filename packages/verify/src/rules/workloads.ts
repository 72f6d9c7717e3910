import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { podTemplateOf, type PodTemplate as Template } from '../manifests/index.ts';
import type { Segment } from './field-path.ts';
import type { K8sObject } from './rule.ts';

/** A pod template inside a workload, with the path that leads to its `spec`. */
export interface PodTemplate {
  object: K8sObject;
  metadata: Template['metadata'];
  spec: IPodSpec;
  /** Path of the pod spec inside the object, e.g. `spec.template.spec`. */
  path: Segment[];
}

/** Kinds that run to completion: probes make no sense for them. */
export const batchKinds = new Set(['Job', 'CronJob']);

/** Every pod template of the workloads among the objects. */
export function podTemplates(objects: readonly K8sObject[]): PodTemplate[] {
  return objects.flatMap((object) => {
    const template = podTemplateOf(object);
    if (template === undefined) return [];
    const { metadata, spec, path } = template;
    return [{ object, metadata, spec, path: [...path, 'spec'] }];
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
