import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from '../src/failure-limiter.ts';

/** A limiter on a clock the test moves by hand. */
function limiterAt(start: number, options: { maxEntries?: number } = {}) {
  const clock = { now: start };
  const limiter = createFailureLimiter({
    maxFailures: 5,
    windowMs: 60_000,
    now: () => clock.now,
    ...options,
  });
  return { limiter, clock };
}

const fail = (limiter: ReturnType<typeof createFailureLimiter>, key: string, times: number) => {
  for (let i = 0; i < times; i += 1) limiter.recordFailure(key);
};

describe('createFailureLimiter', () => {
  it('when a client has failed fewer times than allowed, then it may try again', () => {
    const { limiter } = limiterAt(0);

    fail(limiter, 'demo', 4);

    expect(limiter.retryAfter('demo')).toBe(0);
  });

  it('when a client reaches the limit, then it waits 1 s, twice as long after each further failure, never past the window', () => {
    const { limiter, clock } = limiterAt(0);
    const waits: number[] = [];

    for (const at of [0, 10_000, 20_000, 30_000, 50_000]) {
      clock.now = at;
      limiter.recordFailure('demo');
    }
    for (const extra of [0, 1, 2, 3, 4, 5, 6]) {
      fail(limiter, 'demo', extra === 0 ? 0 : 1);
      waits.push(limiter.retryAfter('demo'));
    }

    expect(waits).toEqual([1, 2, 4, 8, 10, 10, 10]);
  });

  it('when the window has passed, then the client may try again', () => {
    const { limiter, clock } = limiterAt(0);
    fail(limiter, 'demo', 5);

    clock.now = 60_000;

    expect(limiter.retryAfter('demo')).toBe(0);
  });

  it('when one client is limited, then other clients are not', () => {
    const { limiter } = limiterAt(0);

    fail(limiter, 'demo', 5);

    expect(limiter.retryAfter('reporting')).toBe(0);
  });

  it('when reset after a success, then earlier failures no longer count', () => {
    const { limiter } = limiterAt(0);
    fail(limiter, 'demo', 4);

    limiter.reset('demo');
    fail(limiter, 'demo', 4);

    expect(limiter.retryAfter('demo')).toBe(0);
  });

  it('when more ids fail than it may track, then it forgets the oldest window first', () => {
    const { limiter, clock } = limiterAt(0, { maxEntries: 2 });
    fail(limiter, 'first', 5);
    clock.now = 1_000;
    fail(limiter, 'second', 5);

    fail(limiter, 'third', 1);

    expect(limiter.retryAfter('first')).toBe(0);
    expect(limiter.retryAfter('second')).toBe(1);
  });
});
