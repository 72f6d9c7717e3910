import { containerNames, containersOf, isWindowsPod } from '../helpers.ts';
import { joinQuote, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';
import { validSeccompType } from './seccomp-profile-baseline.ts';

/** A seccomp profile must be set, RuntimeDefault or Localhost, on the pod or on every container. */
const seccompProfileRestrictedV1Dot19: CheckPod = (_metadata, spec) => {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podProfile = spec.securityContext?.seccompProfile;
  let podSeccompSet = false;
  if (podProfile != null) {
    if (validSeccompType(podProfile.type)) podSeccompSet = true;
    else {
      badSetters.push('pod');
      badValues.push(podProfile.type);
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = container.securityContext?.seccompProfile;
    if (profile != null) {
      if (!validSeccompType(profile.type)) {
        explicitlyBad.push(container.name);
        badValues.push(profile.type);
      }
    } else if (!podSeccompSet) {
      implicitlyBad.push(container.name);
    }
  }
  if (explicitlyBad.length > 0) badSetters.push(containerNames(explicitlyBad));
  if (badSetters.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `pod or ${containerNames(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    };
  }
  return allowed;
};

/** From v1.25 Windows pods are exempt: seccomp does not exist there. */
const seccompProfileRestrictedV1Dot25: CheckPod = (metadata, spec) =>
  isWindowsPod(spec) ? allowed : seccompProfileRestrictedV1Dot19(metadata, spec);

const overrides = ['seccompProfile_baseline'];

export const seccompProfileRestricted: Check = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 19, checkPod: seccompProfileRestrictedV1Dot19, overrides },
    { minimumVersion: 25, checkPod: seccompProfileRestrictedV1Dot25, overrides },
  ],
};
