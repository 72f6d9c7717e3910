import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { KubernetesObject } from './kubernetes-object.ts';

/** The pod an object runs, wherever its kind keeps it. */
export interface PodTemplate {
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: IPodSpec;
  /** Path of the pod template in the object: [] for a Pod, ['spec', 'template'] for a Deployment. */
  path: readonly string[];
}

/** Where each workload kind keeps its pod template. */
const templatePaths: Readonly<Record<string, readonly string[]>> = {
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

/** The kinds that run pods, for which podTemplateOf finds a template. */
export const workloadKinds: readonly string[] = Object.keys(templatePaths);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * The pod metadata and spec of a Pod or workload (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob, PodTemplate); undefined for other kinds or when the
 * object has no pod spec there.
 * @example podTemplateOf(deployment)?.spec.containers[0].image
 */
export function podTemplateOf(object: KubernetesObject): PodTemplate | undefined {
  const path = object.kind === undefined ? undefined : templatePaths[object.kind];
  if (path === undefined) return undefined;
  const template = path.reduce<unknown>(field, object);
  const spec = field(template, 'spec');
  if (typeof spec !== 'object' || spec === null) return undefined;
  const metadata = field(template, 'metadata');
  return {
    metadata: typeof metadata === 'object' && metadata !== null ? metadata : {},
    spec: spec as IPodSpec,
    path,
  };
}
