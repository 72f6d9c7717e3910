import { describe, expect, it } from 'vitest';

import { selects } from '../../src/manifests/index.ts';

describe('selects', () => {
  const labels = { app: 'notes', tier: 'api' };

  it('when the selector is empty, then it selects every object', () => {
    expect(selects({}, labels)).toBe(true);
    expect(selects({}, {})).toBe(true);
  });

  it('when every matchLabels pair is present, then it selects; when one differs, it does not', () => {
    expect(selects({ matchLabels: { app: 'notes', tier: 'api' } }, labels)).toBe(true);
    expect(selects({ matchLabels: { app: 'notes', tier: 'db' } }, labels)).toBe(false);
  });

  it('when In lists the value, then it selects; when the key is missing, it does not', () => {
    expect(
      selects(
        { matchExpressions: [{ key: 'app', operator: 'In', values: ['notes', 'auth'] }] },
        labels,
      ),
    ).toBe(true);
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'In', values: ['auth'] }] }, labels),
    ).toBe(false);
    expect(
      selects({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels),
    ).toBe(false);
  });

  it('when NotIn lists the value, then it does not select; a missing key is selected', () => {
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['notes'] }] }, labels),
    ).toBe(false);
    expect(
      selects({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['auth'] }] }, labels),
    ).toBe(true);
    expect(
      selects({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels),
    ).toBe(true);
  });

  it('when Exists or DoesNotExist is asked, then only the key counts', () => {
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selects({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels)).toBe(
      false,
    );
    expect(selects({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels)).toBe(
      true,
    );
    expect(selects({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(
      false,
    );
  });

  it('when matchLabels and matchExpressions are both given, then both must hold', () => {
    const selector = {
      matchLabels: { app: 'notes' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }],
    };
    expect(selects(selector, labels)).toBe(false);
    expect(selects(selector, { app: 'notes', tier: 'db' })).toBe(true);
  });

  it('when the operator is unknown, then it throws naming it', () => {
    expect(() => selects({ matchExpressions: [{ key: 'app', operator: 'Like' }] }, labels)).toThrow(
      /"Like"/,
    );
  });
});
