import { type RemoteJWKSet, createRemoteJWKSet, customFetch } from 'jose';
import { type Dispatcher, fetch } from 'undici';
import { boundedJwks, type JwksLimits } from './bounded-jwks.ts';
import { defaults } from '../config/defaults.ts';

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
  /** Largest JWKS read (64 KiB) and most keys it may hold (16); beyond, the fetch fails. */
  limits?: Partial<JwksLimits>;
}

/**
 * The issuer's signing keys, fetched on first use and cached (jose's remote JWKS), to pass to
 * `requireJwt({ keys })`. A token with an unknown `kid` triggers a fetch, at most once per cool-down.
 * The response is read only up to `limits`, so a key endpoint cannot fill the verifier's memory.
 *
 * @example
 * const keys = remoteJwks({ url: config.JWKS_URL, dispatcher, timeoutMs: 2000 });
 */
export function remoteJwks({
  url,
  dispatcher,
  timeoutMs = defaults.jwksTimeoutMs,
  cooldownMs = defaults.jwksCooldownMs,
  cacheMaxAgeMs = 600_000,
  limits: { maxBytes = 64 * 1024, maxKeys = 16 } = {},
}: RemoteJwksOptions): RemoteJWKSet {
  return createRemoteJWKSet(new URL(url), {
    timeoutDuration: timeoutMs,
    cooldownDuration: cooldownMs,
    cacheMaxAge: cacheMaxAgeMs,
    // undici's own fetch, so the dispatcher (and its client certificate and CA) is honoured. Its
    // Response is the same class as Node's global one, from a newer undici than Node bundles.
    [customFetch]: async (resource, { headers, ...options }) => {
      const response = await fetch(resource, {
        ...options,
        headers: Object.fromEntries(headers),
        dispatcher,
      });
      return boundedJwks(response, { maxBytes, maxKeys });
    },
  });
}
