import { OAuthError } from './oauth-error.ts';
import pLimit from 'p-limit';

/** Options of {@link createSecretChecks}. */
export interface SecretChecksOptions {
  /** Secret checks (scrypt, ~150 ms and 32 MiB each) running at once (`SECRET_CHECKS_CONCURRENT`). */
  concurrent: number;
  /** Checks waiting for a slot; beyond, 503 with `Retry-After` at once (`SECRET_CHECKS_QUEUED`). */
  queued: number;
}

/** Runs secret checks with bounded concurrency and a short, bounded queue. */
export type SecretChecks = <T>(check: () => Promise<T>) => Promise<T>;

/**
 * Each check costs one scrypt on purpose, also for an unknown client id (constant time), so a
 * flood of made-up ids is a flood of hashing. Bounding how many run and how many wait keeps
 * memory and the thread pool for everyone else; a check that finds the queue full is answered
 * 503 + `Retry-After: 1` without hashing.
 * @example const checks = createSecretChecks({ concurrent: 2, queued: 16 });
 */
export function createSecretChecks({ concurrent, queued }: SecretChecksOptions): SecretChecks {
  const limit = pLimit(concurrent);
  return function secretCheck(check) {
    if (limit.pendingCount >= queued) {
      return Promise.reject(
        new OAuthError(
          'temporarily_unavailable',
          'too many client authentications at once; try again shortly',
          {
            status: 503,
            retryAfterSeconds: 1,
          },
        ),
      );
    }
    return limit(check);
  };
}
