export {
  loadManifests,
  ManifestError,
  parseManifests,
  type KubernetesObject,
  type Manifest,
} from './load-manifests.ts';
export { podTemplateOf, workloadKinds, type PodTemplate } from './pod-template.ts';
