import { describe, expect, it } from 'vitest';
import { checks, checksAt, evaluate, parseVersion } from '../../src/pss/index.ts';
import { restrictedPod } from './pods.ts';

describe('checksAt()', () => {
  it('when asked for baseline, then only baseline checks run', () => {
    const ids = checksAt('baseline', 37).map((c) => c.id);

    expect(ids).toEqual(checks.filter((c) => c.level === 'baseline').map((c) => c.id));
  });

  it('when asked for restricted at v1.37, then the overridden baseline checks are left out', () => {
    const ids = checksAt('restricted', 37).map((c) => c.id);

    expect(ids).not.toContain('hostPathVolumes');
    expect(ids).not.toContain('capabilities_baseline');
    expect(ids).not.toContain('procMount');
    expect(ids).not.toContain('seccompProfile_baseline');
    expect(ids).toHaveLength(19 - 4);
  });

  it('when asked for restricted at v1.0, then checks added later are absent', () => {
    const ids = checksAt('restricted', 0).map((c) => c.id);

    expect(ids).toContain('capabilities_baseline');
    expect(ids).not.toContain('allowPrivilegeEscalation');
    expect(ids).not.toContain('runAsUser');
    expect(ids).not.toContain('hostProbesAndHostLifecycle');
  });
});

describe('parseVersion()', () => {
  it('when given latest or v1.N, then it returns the minor, capped at the newest', () => {
    expect(parseVersion('latest')).toBe(37);
    expect(parseVersion('v1.0')).toBe(0);
    expect(parseVersion('v1.25')).toBe(25);
    expect(parseVersion('v1.99')).toBe(37);
  });

  it('when given anything else, then it throws naming the version', () => {
    for (const bad of ['1.25', 'v2.0', 'v1.', 'v1.025', 'newest']) {
      expect(() => parseVersion(bad)).toThrow(`invalid policy version "${bad}"`);
    }
  });
});

describe('evaluate()', () => {
  it('when no version is given, then it evaluates at latest', () => {
    const spec = { ...restrictedPod(), hostUsers: false };
    spec.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };

    expect(evaluate(undefined, spec, { level: 'restricted' }).allowed).toBe(true);
    expect(evaluate(undefined, spec, { level: 'restricted', version: 'v1.34' }).allowed).toBe(
      false,
    );
  });
});
