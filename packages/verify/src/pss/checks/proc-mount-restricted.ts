import type { Check } from '../types.ts';
import { procMountV1Dot0 } from './proc-mount.ts';

/**
 * From v1.35 the baseline procMount check relaxes for user-namespace pods; restricted keeps the
 * unconditional v1.0 rule and replaces the baseline check.
 */
export const procMountRestricted: Check = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumVersion: 35, checkPod: procMountV1Dot0, overrides: ['procMount'] }],
};
