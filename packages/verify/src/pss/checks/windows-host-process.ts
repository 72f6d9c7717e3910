import { containerNames, containersOf } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

/** Windows HostProcess containers get privileged access to the host: `hostProcess` must not be true. */
const windowsHostProcessV1Dot0: CheckPod = (_metadata, spec) => {
  const setters: string[] = [];
  if (spec.securityContext?.windowsOptions?.hostProcess === true) setters.push('pod');
  const badContainers = containersOf(spec)
    .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
    .map((c) => c.name);
  if (badContainers.length > 0) setters.push(containerNames(badContainers));
  if (setters.length === 0) return allowed;
  return {
    allowed: false,
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
  };
};

export const windowsHostProcess: Check = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [{ minimumVersion: 0, checkPod: windowsHostProcessV1Dot0 }],
};
