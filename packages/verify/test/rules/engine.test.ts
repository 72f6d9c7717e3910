import { describe, expect, it } from 'vitest';
import { fieldPath, pointerSegments } from '../../src/rules/field-path.ts';
import { runRules, type Rule } from '../../src/rules/rule.ts';

const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } };

describe('runRules', () => {
  it('when a rule reports a problem, then the finding carries its id, severity, object and fix', () => {
    const rule: Rule = {
      id: 'sample',
      severity: 'warning',
      reason: 'a sample',
      fix: 'the rule fix',
      check: (objects) =>
        objects.map((object) => ({ object, path: ['metadata', 'labels'], message: 'm' })),
    };

    expect(runRules([namespace], [rule])).toEqual([
      {
        rule: 'sample',
        severity: 'warning',
        object: { kind: 'Namespace', namespace: '', name: 'apps' },
        path: 'metadata.labels',
        message: 'm',
        fix: 'the rule fix',
      },
    ]);
  });

  it('when a rule throws on a malformed object, then it becomes an error finding and others run', () => {
    const broken: Rule = {
      id: 'broken',
      severity: 'warning',
      reason: 'r',
      fix: 'f',
      check: () => {
        throw new TypeError('spec.containers is not iterable');
      },
    };

    const findings = runRules([namespace], [broken]);

    expect(findings).toMatchObject([{ rule: 'broken', severity: 'error' }]);
    expect(findings[0]?.message).toContain('not iterable');
  });
});

describe('fieldPath', () => {
  it('when segments hold indexes and dotted keys, then it prints them as kubectl does', () => {
    const path = fieldPath(['metadata', 'labels', 'pod-security.kubernetes.io/enforce']);

    expect(path).toBe('metadata.labels["pod-security.kubernetes.io/enforce"]');
    expect(fieldPath(pointerSegments('/spec/containers/0/image'))).toBe('spec.containers[0].image');
  });
});
