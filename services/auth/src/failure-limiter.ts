/** Options of `createFailureLimiter`. */
export interface FailureLimiterOptions {
  /** Failures allowed per window before the id is refused. */
  maxFailures?: number;
  windowMs?: number;
  /** Ids tracked at most; the oldest window is forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/** Counts failed attempts per key (a client id) in fixed windows that start at the first failure. */
export interface FailureLimiter {
  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
}

/**
 * Limits failed attempts per client id, in memory and bounded in size. It slows guessing of one
 * client's secret; the gateway's per-IP limit on the token route slows guessing across ids.
 * @example
 * const limiter = createFailureLimiter({ maxFailures: 5, windowMs: 60_000 });
 * if (limiter.retryAfter(id) > 0) refuse(); else if (!ok) limiter.recordFailure(id);
 */
export function createFailureLimiter({
  maxFailures = 5,
  windowMs = 60_000,
  maxEntries = 10_000,
  now = Date.now,
}: FailureLimiterOptions = {}): FailureLimiter {
  // A Map iterates in insertion order, and a key is re-inserted when its window restarts, so the
  // first key is always the one whose window started longest ago.
  const windows = new Map<string, { failures: number; endsAt: number }>();

  return {
    retryAfter(key) {
      const window = windows.get(key);
      if (window === undefined || window.failures < maxFailures) return 0;
      const remainingMs = window.endsAt - now();
      return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
    },
    recordFailure(key) {
      const window = windows.get(key);
      if (window !== undefined && window.endsAt > now()) {
        window.failures += 1;
        return;
      }
      windows.delete(key);
      if (windows.size >= maxEntries) {
        const [oldest] = windows.keys();
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(key, { failures: 1, endsAt: now() + windowMs });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
