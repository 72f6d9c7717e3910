import { containerNames, containersOf, joinQuote, pluralize } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || String(value).startsWith('localhost/');
}

function allowedProfileType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/**
 * The default AppArmor profile must not be overridden or disabled: `appArmorProfile.type` only
 * RuntimeDefault or Localhost, the beta annotations only runtime/default, localhost/* or empty.
 */
const appArmorProfileV1Dot0: CheckPod = (metadata, spec) => {
  const badSetters: string[] = [];
  const badValues = new Set<string>();
  const podProfile = spec.securityContext?.appArmorProfile;
  if (podProfile != null && !allowedProfileType(podProfile.type)) {
    badSetters.push('pod');
    badValues.add(podProfile.type);
  }
  const badContainers: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (profile != null && !allowedProfileType(profile.type)) {
      badContainers.push(container.name);
      badValues.add(profile.type);
    }
  }
  if (badContainers.length > 0) badSetters.push(containerNames(badContainers));

  const badAnnotations = Object.entries(metadata.annotations ?? {})
    .filter(([key, value]) => key.startsWith(annotationPrefix) && !allowedAnnotationValue(value))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .sort();
  if (badAnnotations.length > 0) {
    badSetters.push(pluralize('annotation', 'annotations', badAnnotations.length));
  }
  if (badSetters.length === 0) return allowed;
  const values = [...[...badValues].sort(), ...badAnnotations];
  return {
    allowed: false,
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${badSetters.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
  };
};

export const appArmorProfile: Check = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: appArmorProfileV1Dot0 }],
};
