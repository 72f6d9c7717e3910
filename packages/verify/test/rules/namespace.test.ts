import { describe, expect, it } from 'vitest';
import {
  podSecurityNamespace,
  type PodSecurityEvaluator,
} from '../../src/rules/namespace/pod-security-namespace.ts';
import { runRules } from '../../src/rules/rule.ts';
import { compliantObjects, find } from './compliant.ts';

const enforce = 'pod-security.kubernetes.io/enforce';
const enforceVersion = 'pod-security.kubernetes.io/enforce-version';

describe('pss-namespace', () => {
  it('when the namespace enforces restricted at a pinned version, then it reports nothing', () => {
    expect(runRules(compliantObjects(), [podSecurityNamespace()])).toEqual([]);
  });

  it('when enforce is baseline and the version is latest, then it names both labels', () => {
    const objects = compliantObjects();
    find(objects, 'Namespace').metadata = {
      name: 'bulkhead-notes',
      labels: { [enforce]: 'baseline', [enforceVersion]: 'latest' },
    };

    const findings = runRules(objects, [podSecurityNamespace()]);

    expect(findings).toMatchObject([
      {
        object: { kind: 'Namespace', name: 'bulkhead-notes' },
        path: `metadata.labels["${enforce}"]`,
      },
      { path: `metadata.labels["${enforceVersion}"]` },
    ]);
    expect(findings[1]?.message).toContain('"latest"');
  });

  it('when the workload namespace is not rendered, then it says the labels cannot be checked', () => {
    const objects = compliantObjects().filter(({ kind }) => kind !== 'Namespace');

    const [finding] = runRules(objects, [podSecurityNamespace()]);

    expect(finding).toMatchObject({ object: { kind: 'Deployment' }, path: 'metadata.namespace' });
  });

  it('when an evaluator is given, then its violations are reported at the pinned version', () => {
    // A stand-in for src/pss (another branch): it denies every pod and records what it was asked.
    const asked: string[] = [];
    const evaluate: PodSecurityEvaluator = (_metadata, _spec, { level, version }) => {
      asked.push(`${level}@${version}`);
      return { allowed: false, violations: [{ check: 'runAsNonRoot', message: 'must be true' }] };
    };

    const findings = runRules(compliantObjects(), [podSecurityNamespace({ evaluate })]);

    expect(asked).toEqual(['restricted@v1.33']);
    expect(findings).toMatchObject([{ path: 'spec.template.spec' }]);
    expect(findings[0]?.message).toContain('runAsNonRoot');
  });
});
