import { evaluate, type Level, type PodSpec } from '../../src/pss/index.ts';

/** A pod that passes restricted at every version; tests change one field of it. */
export function restrictedPod(): PodSpec {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'registry.example/app:1.0',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
  };
}

/** The first container of a pod built by restrictedPod(). */
export function app(spec: PodSpec) {
  const [container] = spec.containers;
  if (container === undefined) throw new Error('pod has no container');
  container.securityContext ??= {};
  return container;
}

/** The ids of the checks that deny `spec` at `level` and `version`. */
export function deniedBy(
  spec: PodSpec,
  level: Level,
  version = 'latest',
  annotations?: Record<string, string>,
): string[] {
  return evaluate({ name: 'test', annotations }, spec, { level, version }).violations.map(
    (v) => v.check,
  );
}
