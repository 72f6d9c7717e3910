/** Options of `createFailureLimiter`. */
export interface FailureLimiterOptions {
  /** Failures allowed per window before each further one makes the key wait. */
  maxFailures?: number;
  windowMs?: number;
  /** Keys tracked at most; the oldest window is forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/** Counts failed attempts per key in fixed windows that start at the first failure. */
export interface FailureLimiter {
  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

/**
 * Slows failed attempts per key, in memory and bounded in size: after `maxFailures` in a window,
 * each further failure makes the key wait twice as long as the last (1 s, 2 s, 4 s, …, never past
 * the window's end). It slows guessing rather than locking out, and the caller chooses keys that
 * only the guesser shares (a client id *and* its source), so nobody else is kept out.
 * @example
 * const limiter = createFailureLimiter({ maxFailures: 5, windowMs: 60_000 });
 * if (limiter.retryAfter(key) > 0) refuse(); else if (!ok) limiter.recordFailure(key);
 */
export function createFailureLimiter({
  maxFailures = 5,
  windowMs = 60_000,
  maxEntries = 10_000,
  now = Date.now,
}: FailureLimiterOptions = {}): FailureLimiter {
  // A Map iterates in insertion order, and a key is re-inserted when its window restarts, so the
  // first key is always the one whose window started longest ago.
  const windows = new Map<string, { failures: number; endsAt: number; lastAt: number }>();

  return {
    retryAfter(key) {
      const window = windows.get(key);
      if (window === undefined || window.failures < maxFailures) return 0;
      const waitMs = Math.min(
        1000 * 2 ** (window.failures - maxFailures),
        window.endsAt - window.lastAt,
      );
      const remainingMs = window.lastAt + waitMs - now();
      return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
    },
    recordFailure(key) {
      const at = now();
      const window = windows.get(key);
      if (window !== undefined && window.endsAt > at) {
        window.failures += 1;
        window.lastAt = at;
        return;
      }
      windows.delete(key);
      if (windows.size >= maxEntries) {
        const [oldest] = windows.keys();
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(key, { failures: 1, endsAt: at + windowMs, lastAt: at });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
