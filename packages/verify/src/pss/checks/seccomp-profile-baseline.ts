import { containerNames, containersOf, joinQuote, pluralize } from '../helpers.ts';
import { sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

const podAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';

/** RuntimeDefault and Localhost are the only seccomp profile types a pod may choose. */
export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validAnnotationValue(value: unknown): boolean {
  return (
    value === 'runtime/default' ||
    value === 'docker/default' ||
    String(value).startsWith('localhost/')
  );
}

/** v1.0–v1.18: the seccomp alpha annotations only runtime/default, docker/default, localhost/*. */
const seccompProfileBaselineV1Dot0: CheckPod = (metadata, spec) => {
  const annotations = metadata.annotations ?? {};
  const keys = [
    podAnnotation,
    ...containersOf(spec).map((c) => containerAnnotationPrefix + c.name),
  ];
  const forbidden = sortedSet(
    keys
      .filter((key) => Object.hasOwn(annotations, key) && !validAnnotationValue(annotations[key]))
      .map((key) => `${key}=${JSON.stringify(String(annotations[key]))}`),
  );
  if (forbidden.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', forbidden.length)} ${forbidden.join(', ')}`,
  };
};

/** v1.19+: `seccompProfile.type`, when set on the pod or a container, RuntimeDefault or Localhost. */
const seccompProfileBaselineV1Dot19: CheckPod = (_metadata, spec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = spec.securityContext?.seccompProfile;
  if (podProfile != null && !validSeccompType(podProfile.type)) {
    badSetters.push('pod');
    badValues.push(podProfile.type);
  }
  const badContainers: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile != null && !validSeccompType(profile.type)) {
      badContainers.push(container.name);
      badValues.push(profile.type);
    }
  }
  if (badContainers.length > 0) badSetters.push(containerNames(badContainers));
  if (badSetters.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
  };
};

export const seccompProfileBaseline: Check = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: seccompProfileBaselineV1Dot0 },
    { minimumVersion: 19, checkPod: seccompProfileBaselineV1Dot19 },
  ],
};
