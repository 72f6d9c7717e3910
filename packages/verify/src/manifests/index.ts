export {
  isTyped,
  namespaceOf,
  type KubernetesObject,
  type TypedObject,
} from './kubernetes-object.ts';
export { selects, type LabelSelector } from './label-selector.ts';
export {
  loadManifests,
  ManifestError,
  parseManifests,
  readText,
  type Manifest,
} from './load-manifests.ts';
export { podTemplateOf, workloadKinds, type PodTemplate } from './pod-template.ts';
