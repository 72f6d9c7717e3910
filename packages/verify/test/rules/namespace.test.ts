import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/pss/index.ts';
import { podSecurityNamespace } from '../../src/rules/namespace/pod-security-namespace.ts';
import { runRules } from '../../src/rules/rule.ts';
import { compliantObjects, find, podSpec } from './compliant.ts';

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

  it('when a workload breaks restricted at the pinned version, then it names the PSS checks', () => {
    // Arrange: no seccomp profile; restricted requires one from v1.19 (seccompProfile_restricted).
    const objects = compliantObjects();
    delete podSpec(objects).securityContext?.seccompProfile;

    // Act
    const findings = runRules(objects, [podSecurityNamespace({ evaluate })]);

    // Assert
    expect(findings).toMatchObject([
      { rule: 'pss-namespace', object: { kind: 'Deployment' }, path: 'spec.template.spec' },
    ]);
    expect(findings[0]?.message).toContain('(seccompProfile_restricted)');
  });

  it('when the namespace pins a version before that check existed, then the same workload passes', () => {
    const objects = compliantObjects();
    delete podSpec(objects).securityContext?.seccompProfile;
    const labels = find(objects, 'Namespace').metadata?.labels ?? {};
    labels[enforceVersion] = 'v1.18';

    expect(runRules(objects, [podSecurityNamespace({ evaluate })])).toEqual([]);
  });

  it('when the evaluator is wired in, then the compliant workload passes at v1.33', () => {
    expect(runRules(compliantObjects(), [podSecurityNamespace({ evaluate })])).toEqual([]);
  });
});
