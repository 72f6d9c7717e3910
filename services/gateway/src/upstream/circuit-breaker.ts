/** Options of {@link circuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe request may go through. */
  resetTimeoutMs?: number;
  /** The clock; tests pass their own. */
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** The circuit breaker of one upstream: see {@link circuitBreaker}. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /** Whether a request may go now; when half-open, true for exactly one probe at a time. */
  tryAcquire(): boolean;
  /** The request got an answer: the upstream is up, the circuit closes. */
  success(): void;
  /** The request failed or timed out; enough of these in a row (or a failed probe) open it. */
  failure(): void;
  /** The request ended with no verdict (the client left): frees the probe slot. */
  release(): void;
  /** Whole seconds until a probe may go, for `Retry-After` (at least 1). */
  retryAfterSeconds(): number;
}

/** Five failures in a row open the circuit; it probes again after 10 s. */
export const breakerDefaults = { failureThreshold: 5, resetTimeoutMs: 10_000 };

/**
 * circuitBreaker stops sending requests to an upstream that keeps failing, so callers get a 503 at
 * once instead of waiting for a timeout each, and the upstream gets room to recover. Closed →
 * (`failureThreshold` failures in a row) → open → (`resetTimeoutMs`) → half-open: one probe;
 * its success closes the circuit, its failure opens it again.
 *
 * @example const breaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 10_000 });
 */
export function circuitBreaker({
  failureThreshold = breakerDefaults.failureThreshold,
  resetTimeoutMs = breakerDefaults.resetTimeoutMs,
  now = Date.now,
}: CircuitBreakerOptions = {}): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;

  return {
    get state() {
      return state;
    },
    tryAcquire() {
      if (state === 'open' && now() - openedAt >= resetTimeoutMs) state = 'half-open';
      if (state === 'closed') return true;
      if (state === 'open' || probing) return false;
      probing = true;
      return true;
    },
    success() {
      state = 'closed';
      failures = 0;
      probing = false;
    },
    failure() {
      failures += 1;
      probing = false;
      if (state === 'half-open' || failures >= failureThreshold) {
        state = 'open';
        openedAt = now();
      }
    },
    release() {
      probing = false;
    },
    retryAfterSeconds() {
      return Math.max(1, Math.ceil((openedAt + resetTimeoutMs - now()) / 1000));
    },
  };
}
