import type { RequestHandler } from 'express';
import { type JWTVerifyGetKey, errors, jwtVerify } from 'jose';
import { bearerError } from './bearer-error.ts';
import type { HttpError } from '../errors/http-error.ts';
import { setPrincipal } from './principal.ts';
import { type VerifiedTokensOptions, verifiedTokens } from './verified-tokens.ts';
import { defaults } from '../config/defaults.ts';

export interface RequireJwtOptions {
  /** The issuer's keys, usually `remoteJwks(...)`. */
  keys: JWTVerifyGetKey;
  /** The expected `iss`, e.g. `bulkhead-auth`. */
  issuer: string;
  /** The expected `aud`, e.g. `bulkhead`. */
  audience: string;
  /** Clock skew allowed on `exp`, `nbf` and `iat` (30 s; `JWT_CLOCK_TOLERANCE_SECONDS`). */
  clockToleranceSeconds?: number | undefined;
  /** Oldest `iat` accepted (3600 s, the longest token auth issues); an `iat` ahead of the clock beyond the skew is refused too. */
  maxTokenAgeSeconds?: number;
  /**
   * Reuse of successful verifications: at most `max` (10,000) tokens, each until its `exp` or
   * `maxAgeSeconds` (60), whichever is first; `false` verifies every request. `now` is the clock.
   */
  cache?: VerifiedTokensOptions | false;
}

// Problems with the token itself; anything else means the keys could not be had (503).
const tokenErrors = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
];

/**
 * Verifies the request's bearer token (RFC 6750): an ES256 access token only (`typ: at+jwt`,
 * RFC 9068; `none`, HMAC and RSA are refused), signed by one of `keys`, with the right `iss` and
 * `aud`, inside `nbf`..`exp`, an `iat` neither ahead of the clock nor older than the token age,
 * with a `sub`. The principal is then available from `principalOf(res)`. Failures are 401 with a
 * `WWW-Authenticate` challenge; keys that cannot be fetched are 503.
 *
 * @example
 * const jwt = requireJwt({ keys: remoteJwks({ url }), issuer: 'bulkhead-auth', audience: 'bulkhead' });
 * router.get('/v1/notes', jwt, requireScope('notes:read'), listNotes);
 */
export function requireJwt({
  keys,
  issuer,
  audience,
  clockToleranceSeconds = defaults.jwtClockToleranceSeconds,
  maxTokenAgeSeconds = 3600,
  cache = {},
}: RequireJwtOptions): RequestHandler {
  const verified = cache === false ? undefined : verifiedTokens(cache);
  const now = (cache !== false && cache.now) || Date.now;
  return async function requireJwt(req, res, next) {
    const compact = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (compact === undefined) {
      // RFC 6750 §3.1: a request without credentials gets the bare challenge, no error code.
      next(
        bearerError(401, 'A bearer token is required', { challenge: 'Bearer', reason: 'no_token' }),
      );
      return;
    }
    const known = verified?.get(compact);
    if (known) {
      setPrincipal(res, known);
      next();
      return;
    }
    try {
      const { payload } = await jwtVerify(compact, keys, {
        algorithms: ['ES256'],
        issuer,
        audience,
        clockTolerance: clockToleranceSeconds,
        maxTokenAge: maxTokenAgeSeconds,
        // RFC 9068 §4: an access token says so in its header, so no other JWT of the issuer
        // (an ID token, say) can be replayed as one.
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: new Date(now()),
      });
      const { sub, exp } = payload;
      if (typeof sub !== 'string' || sub === '') {
        throw new errors.JWTClaimValidationFailed(
          '"sub" must be a non-empty string',
          payload,
          'sub',
        );
      }
      const claims = { ...payload, sub };
      // `exp` is a required claim and jose checked it is a number.
      verified?.set(compact, { ...claims, exp: exp as number });
      setPrincipal(res, claims);
    } catch (error) {
      next(verificationError(error));
      return;
    }
    next();
  };
}

function verificationError(error: unknown): HttpError {
  if (!tokenErrors.some((type) => error instanceof type)) {
    return bearerError(503, 'The token signing keys cannot be fetched right now', {
      cause: error,
      reason: 'keys_unavailable',
    });
  }
  const [detail, reason] =
    error instanceof errors.JWTExpired
      ? ['The access token has expired', 'token_expired']
      : error instanceof errors.JWTClaimValidationFailed
        ? [
            `The access token's "${error.claim}" claim is not accepted`,
            `token_claim_${error.claim}`,
          ]
        : ['The access token is not valid', 'token_invalid'];
  return bearerError(401, detail, {
    challenge: 'Bearer error="invalid_token"',
    cause: error,
    reason,
  });
}
