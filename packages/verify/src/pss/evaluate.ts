import { checksAt } from './registry.ts';
import type { Evaluation, Level, PodMetadata, PodSpec } from './types.ts';
import { parseVersion } from './version.ts';

export interface EvaluateOptions {
  level: Level;
  /** `latest` (the default) or `v1.N`, as in the `pod-security.kubernetes.io/*-version` labels. */
  version?: string;
}

/**
 * Evaluates one pod (or pod template) against a Pod Security Standards level and version,
 * exactly as the Kubernetes pod-security-admission library does.
 * @example
 * evaluate(pod.metadata, pod.spec, { level: 'restricted', version: 'v1.30' })
 * // { allowed: false, violations: [{ check: 'runAsNonRoot', message: 'runAsNonRoot != true (…)' }] }
 */
export function evaluate(
  metadata: PodMetadata | undefined,
  spec: PodSpec,
  { level, version = 'latest' }: EvaluateOptions,
): Evaluation {
  const violations = checksAt(level, parseVersion(version)).flatMap(({ id, checkPod }) => {
    const result = checkPod(metadata ?? {}, spec);
    return result.allowed ? [] : [{ check: id, message: `${result.reason} (${result.detail})` }];
  });
  return { allowed: violations.length === 0, violations };
}
