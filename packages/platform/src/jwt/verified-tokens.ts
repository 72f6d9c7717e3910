import type { JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

/** Options of {@link verifiedTokens}. */
export interface VerifiedTokensOptions {
  /** Most tokens remembered; the least recently used go first. */
  max?: number;
  /** Longest a verification is reused, in seconds. */
  maxAgeSeconds?: number;
  /** The clock, in ms since the epoch. */
  now?: () => number;
}

/** The claims of verified tokens, keyed by the whole compact token. */
export interface VerifiedTokens {
  get(token: string): (JWTPayload & { sub: string }) | undefined;
  set(token: string, claims: JWTPayload & { sub: string; exp: number }): void;
}

/**
 * Remembers tokens that passed `jwtVerify`, so a client's next requests skip the ES256 check
 * (most of what `requireJwt` costs). It is safe because:
 * - only verified tokens enter, keyed by the whole token, signature included: a token that
 *   differs in one byte (a forged signature, edited claims) is a miss and is verified in full;
 * - an entry lives until the token's `exp` or `maxAgeSeconds`, whichever is first, so an expired
 *   token is never accepted from here (`exp` is required);
 * - a token signed by a key the issuer has since removed stays accepted at most until its `exp`,
 *   which is what a verifier holding the cached JWKS does anyway (tokens live 5 minutes).
 */
export function verifiedTokens({
  max = 10_000,
  maxAgeSeconds = 60,
  now = Date.now,
}: VerifiedTokensOptions = {}): VerifiedTokens {
  const cache = new LRUCache<string, { claims: JWTPayload & { sub: string }; until: number }>({
    max,
  });
  return {
    get(token) {
      const entry = cache.get(token);
      if (!entry) return undefined;
      if (now() >= entry.until) {
        cache.delete(token);
        return undefined;
      }
      return entry.claims;
    },
    set(token, claims) {
      cache.set(token, {
        claims,
        until: Math.min(claims.exp * 1000, now() + maxAgeSeconds * 1000),
      });
    },
  };
}
