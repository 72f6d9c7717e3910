import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../src/upstream/circuit-breaker.ts';

function breakerAt(clock: { now: number }) {
  return circuitBreaker({ failureThreshold: 3, resetTimeoutMs: 10_000, now: () => clock.now });
}

describe('circuitBreaker', () => {
  it('when failures are interrupted by a success, then it stays closed', () => {
    const breaker = breakerAt({ now: 0 });

    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();

    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('when open and the reset time has passed, then exactly one probe goes through', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.failure();
    const whileOpen = breaker.tryAcquire();
    const retryAfter = breaker.retryAfterSeconds();

    clock.now = 10_000;

    expect(whileOpen).toBe(false);
    expect(retryAfter).toBe(10);
    expect([breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, false]);
    expect(breaker.state).toBe('half-open');
  });

  it('when the probe fails, then it opens again for a full reset time', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.failure();
    clock.now = 10_000;
    breaker.tryAcquire();

    breaker.failure();

    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryAfterSeconds()).toBe(10);
  });

  it('when the probe ends with no verdict, then the next request may probe', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.failure();
    clock.now = 10_000;
    breaker.tryAcquire();

    breaker.release();

    expect(breaker.tryAcquire()).toBe(true);
  });
});
