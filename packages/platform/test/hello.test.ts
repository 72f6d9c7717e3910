import { describe, expect, it } from 'vitest';
import { hello } from '@bulkhead/platform';
describe('hello', () => {
  it('greets', () => {
    expect(hello('x')).toBe('hello x');
  });
});
