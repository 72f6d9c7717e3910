import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { isTyped, parseManifests } from '../../src/manifests/index.ts';
import type { K8sObject } from '../../src/rules/rule.ts';

const dir = join(import.meta.dirname, '..', 'verify', 'fixtures', 'compliant');

/**
 * The objects of the compliant fixture overlay, as kustomize renders them (each namespaced object
 * in bulkhead-notes), parsed fresh on every call so a test can break its own copy.
 */
export function compliantObjects(): K8sObject[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseManifests(readFileSync(join(dir, file), 'utf8'), file))
    .map(({ object }) => object)
    .filter(isTyped)
    .map((object) => {
      if (object.kind === 'Namespace') return object;
      return { ...object, metadata: { ...object.metadata, namespace: 'bulkhead-notes' } };
    });
}

/** The model type of each kind in the fixture. */
interface Models {
  Namespace: INamespace;
  ServiceAccount: IServiceAccount;
  Deployment: IDeployment;
  Service: IService;
  PodDisruptionBudget: IPodDisruptionBudget;
}

/** The fixture's object of a kind, typed as its model; throws when there is none. */
export function find<K extends keyof Models>(objects: readonly K8sObject[], kind: K): Models[K] {
  const object = objects.find((o) => o.kind === kind);
  if (object === undefined) throw new Error(`no ${kind} among the objects`);
  return object as unknown as Models[K];
}

/** The pod spec of the fixture's Deployment. */
export function podSpec(objects: readonly K8sObject[]): IPodSpec {
  const spec = find(objects, 'Deployment').spec?.template.spec;
  if (spec === undefined) throw new Error('the Deployment has no pod spec');
  return spec;
}

/** The first container of the fixture's Deployment. */
export function container(objects: readonly K8sObject[]): IContainer {
  const [first] = podSpec(objects).containers;
  if (first === undefined) throw new Error('the Deployment has no container');
  return first;
}
