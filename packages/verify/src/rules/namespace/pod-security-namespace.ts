import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { K8sObject, Problem, Rule } from '../rule.ts';
import { namespaceOf } from '../../manifests/index.ts';
import { podTemplates, type PodTemplate } from '../workloads.ts';

const enforce = 'pod-security.kubernetes.io/enforce';
const enforceVersion = 'pod-security.kubernetes.io/enforce-version';

/** The Pod Security Standards evaluator of src/pss (same signature), passed in by the registry. */
export type PodSecurityEvaluator = (
  podMetadata: PodTemplate['metadata'],
  podSpec: IPodSpec,
  policy: { level: 'restricted'; version: string },
) => { allowed: boolean; violations: { check: string; message: string }[] };

/**
 * Every namespace holding a workload is in the render and labelled to enforce the `restricted`
 * Pod Security Standard at a pinned version; with an evaluator, its workloads also pass it.
 * @example podSecurityNamespace({ evaluate }) // evaluate from src/pss
 */
export function podSecurityNamespace({ evaluate }: { evaluate?: PodSecurityEvaluator } = {}): Rule {
  return {
    id: 'pss-namespace',
    severity: 'error',
    reason:
      'Admission enforces Pod Security only where the namespace asks for it; an unpinned version changes meaning on a cluster upgrade.',
    fix: `label the namespace ${enforce}: restricted and ${enforceVersion}: v1.N (the cluster's minor version)`,
    check: (objects) => {
      const workloads = Map.groupBy(podTemplates(objects), ({ object }) => namespaceOf(object));
      return [...workloads].flatMap(([name, templates]) => {
        const namespace = objects.find((o) => o.kind === 'Namespace' && o.metadata?.name === name);
        if (namespace === undefined) {
          return templates.map(({ object }) => notRendered(object, name));
        }
        const problems = labelProblems(namespace);
        if (problems.length > 0 || evaluate === undefined) return problems;
        const version = namespace.metadata?.labels?.[enforceVersion] ?? '';
        return templates.flatMap((template) =>
          evaluationProblems(
            template,
            evaluate(template.metadata, template.spec, { level: 'restricted', version }),
          ),
        );
      });
    },
  };
}

function notRendered(object: K8sObject, name: string): Problem {
  const message = `namespace "${name}" is not in the render, so its Pod Security labels cannot be checked`;
  return { object, path: ['metadata', 'namespace'], message };
}

function labelProblems(namespace: K8sObject): Problem[] {
  const labels = namespace.metadata?.labels ?? {};
  const problems: Problem[] = [];
  if (labels[enforce] !== 'restricted') {
    const found = labels[enforce] === undefined ? 'is missing' : `is "${labels[enforce]}"`;
    problems.push({
      object: namespace,
      path: ['metadata', 'labels', enforce],
      message: `${enforce} ${found}, not "restricted"`,
    });
  }
  if (!/^v1\.\d+$/.test(labels[enforceVersion] ?? '')) {
    const found =
      labels[enforceVersion] === undefined ? 'is missing' : `is "${labels[enforceVersion]}"`;
    problems.push({
      object: namespace,
      path: ['metadata', 'labels', enforceVersion],
      message: `${enforceVersion} ${found}, not a pinned v1.N`,
    });
  }
  return problems;
}

function evaluationProblems(
  template: PodTemplate,
  result: ReturnType<PodSecurityEvaluator>,
): Problem[] {
  return result.violations.map(({ check, message }) => ({
    object: template.object,
    path: template.path,
    message: `violates restricted Pod Security (${check}): ${message}`,
    fix: `change the pod template as the ${check} check asks (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted)`,
  }));
}
