import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

/** A Pod Security Standards level that has checks (`privileged` has none). */
export type Level = 'baseline' | 'restricted';

/** The pod spec as Kubernetes defines it. Manifests are untrusted, so checks compare strictly. */
export type PodSpec = IPodSpec;

/** Init, regular and ephemeral containers share these fields for the checks. */
export type Container = IContainer;

/** The part of a pod's metadata the checks read (annotations for seccomp and AppArmor). */
export interface PodMetadata {
  name?: string;
  namespace?: string;
  annotations?: Record<string, string>;
}

/** One check's verdict; a denial carries upstream's short reason and its detail. */
export type CheckResult = { allowed: true } | { allowed: false; reason: string; detail: string };

export type CheckPod = (metadata: PodMetadata, spec: PodSpec) => CheckResult;

/** One revision of a check, in force from `minimumVersion` (the minor of v1.N) until the next. */
export interface VersionedCheck {
  minimumVersion: number;
  checkPod: CheckPod;
  /** Baseline checks this restricted revision replaces at the restricted level. */
  overrides?: readonly string[];
}

/** A check of the upstream pod-security-admission library, with the upstream id. */
export interface Check {
  id: string;
  level: Level;
  versions: readonly VersionedCheck[];
}

/** A check that denied the pod: its id and `reason (detail)` as upstream words it. */
export interface Violation {
  check: string;
  message: string;
}

export interface Evaluation {
  allowed: boolean;
  violations: Violation[];
}

export const allowed: CheckResult = { allowed: true };
