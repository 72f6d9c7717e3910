import { HttpError } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import type { RemoteJWKSet } from 'jose';

/** Options of {@link publishedKeys}. */
export interface PublishedKeysOptions {
  /** The key set the gateway verifies tokens with: auth's JWKS, fetched and cached. */
  keys: RemoteJWKSet;
  /** Ask auth again at most this often (`JWKS_COOLDOWN_MS`); requests meanwhile get the copy. */
  refetchEveryMs: number;
  /** How long clients may cache the answer. */
  maxAgeSeconds?: number;
}

/**
 * `GET /.well-known/jwks.json`, answered from the gateway's own copy of auth's keys: the set it
 * verifies tokens with. A flood of these reaches auth at most once per `refetchEveryMs`, so it
 * can never take auth's capacity from `/v1/token`. 503 + `Retry-After` until a first copy exists.
 * @example router.get('/.well-known/jwks.json', publishedKeys({ keys, refetchEveryMs: 30_000 }));
 */
export function publishedKeys({
  keys,
  refetchEveryMs,
  maxAgeSeconds = 300,
}: PublishedKeysOptions): RequestHandler {
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let fetching: Promise<void> | undefined;
  return async function publishedKeys(_req, res, next) {
    // At most one fetch per `refetchEveryMs`, so a key auth adds shows here within that time.
    if (fetching === undefined && Date.now() - lastAttempt >= refetchEveryMs) {
      lastAttempt = Date.now();
      // A failed fetch leaves the last good copy, if any, in place.
      fetching = keys
        .reload()
        .catch(() => undefined)
        .finally(() => {
          fetching = undefined;
        });
    }
    // With a copy, answer at once; without one, wait for the single fetch rather than start more.
    if (keys.jwks() === undefined) await fetching;
    const set = keys.jwks();
    if (set === undefined) {
      const retryAfter = String(Math.ceil(refetchEveryMs / 1000));
      next(
        new HttpError(503, 'The signing keys are not available yet; try again shortly.', {
          headers: { 'Retry-After': retryAfter },
        }),
      );
      return;
    }
    res.set('Cache-Control', `public, max-age=${maxAgeSeconds}`).json(set);
  };
}
