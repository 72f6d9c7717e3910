import type { RequestHandler } from 'express';
import { type JWTVerifyGetKey, errors, jwtVerify } from 'jose';
import { bearerError } from './bearer-error.ts';
import type { HttpError } from '../errors/http-error.ts';
import { setPrincipal } from './principal.ts';
import { type VerifiedTokensOptions, verifiedTokens } from './verified-tokens.ts';

export interface RequireJwtOptions {
  /** The issuer's keys, usually `remoteJwks(...)`. */
  keys: JWTVerifyGetKey;
  /** The expected `iss`, e.g. `bulkhead-auth`. */
  issuer: string;
  /** The expected `aud`, e.g. `bulkhead`. */
  audience: string;
  /** Clock skew allowed on `exp` and `nbf`. */
  clockToleranceSeconds?: number;
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
 * Verifies the request's bearer token (RFC 6750): an ES256 JWT only (`none`, HMAC and RSA are
 * refused), signed by one of `keys`, with the right `iss` and `aud`, inside `nbf`..`exp`, with a
 * `sub`. The principal is then available from `principalOf(res)`. Failures are 401 with a
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
  clockToleranceSeconds = 30,
  cache = {},
}: RequireJwtOptions): RequestHandler {
  const verified = cache === false ? undefined : verifiedTokens(cache);
  const now = (cache !== false && cache.now) || Date.now;
  return async function requireJwt(req, res, next) {
    const compact = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (compact === undefined) {
      // RFC 6750 §3.1: a request without credentials gets the bare challenge, no error code.
      next(bearerError(401, 'A bearer token is required', 'Bearer'));
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
        requiredClaims: ['sub', 'exp'],
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
    return bearerError(503, 'The token signing keys cannot be fetched right now', undefined, error);
  }
  const detail =
    error instanceof errors.JWTExpired
      ? 'The access token has expired'
      : error instanceof errors.JWTClaimValidationFailed
        ? `The access token's "${error.claim}" claim is not accepted`
        : 'The access token is not valid';
  return bearerError(401, detail, 'Bearer error="invalid_token"', error);
}
