import { type JWTVerifyGetKey, createRemoteJWKSet, customFetch } from 'jose';
import { type Dispatcher, fetch } from 'undici';

export interface RemoteJwksOptions {
  /** Where the issuer publishes its keys, e.g. `https://auth:8443/.well-known/jwks.json`. */
  url: string | URL;
  /** The undici dispatcher to fetch with, e.g. `createMtlsDispatcher(...)` for an internal CA. */
  dispatcher?: Dispatcher;
  /** Give up on a fetch after this long. */
  timeoutMs?: number;
  /** Fetch again for an unknown `kid` at most this often (the cache's floor). */
  cooldownMs?: number;
  /** Fetch again after this long, whatever happens (the cache's ceiling). */
  cacheMaxAgeMs?: number;
}

/**
 * The issuer's signing keys, fetched on first use and cached (jose's remote JWKS), to pass to
 * `requireJwt({ keys })`. A token with an unknown `kid` triggers a fetch, at most once per cool-down.
 *
 * @example
 * const keys = remoteJwks({ url: config.JWKS_URL, dispatcher, timeoutMs: 2000 });
 */
export function remoteJwks({
  url,
  dispatcher,
  timeoutMs = 5_000,
  cooldownMs = 30_000,
  cacheMaxAgeMs = 600_000,
}: RemoteJwksOptions): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    timeoutDuration: timeoutMs,
    cooldownDuration: cooldownMs,
    cacheMaxAge: cacheMaxAgeMs,
    // undici's own fetch, so the dispatcher (and its client certificate and CA) is honoured. Its
    // Response is the same class as Node's global one, from a newer undici than Node bundles.
    [customFetch]: (resource, { headers, ...options }) =>
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      fetch(resource, { ...options, headers: Object.fromEntries(headers), dispatcher }),
  });
}
