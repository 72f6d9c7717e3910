import { HttpError, noteReason, principalOf } from '@bulkhead/platform';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';

/** Options of {@link limitPerSubject} and {@link limitPerClientIp}. */
export interface RateLimitOptions {
  /** Requests allowed per key and window. */
  limit: number;
  windowMs: number;
  /**
   * Where the counts live. Default: express-rate-limit's MemoryStore, which forgets every key
   * after two windows, so its memory is bounded by the keys seen in that time. A shared store
   * (Redis, Memcached) makes the limit hold across replicas. One store per limiter.
   */
  store?: Store | undefined;
  /**
   * Answer a 429 as RFC 6749 §5.2 JSON (`temporarily_unavailable`) instead of problem+json: on
   * the token route, which OAuth client libraries parse in that shape only.
   */
  oauthErrors?: boolean;
}

function limiter(
  policy: string,
  key: (req: Request, res: Response) => string,
  { limit, windowMs, store, oauthErrors = false }: RateLimitOptions,
): RequestHandler {
  return rateLimit({
    limit,
    windowMs,
    ...(store === undefined ? {} : { store }),
    keyGenerator: key,
    identifier: policy,
    standardHeaders: 'draft-8', // RateLimit and RateLimit-Policy; Retry-After once over the limit
    legacyHeaders: false,
    // Clients send X-Forwarded-For to a public edge all the time; req.ip already ignores it
    // unless TRUST_PROXY says the peer is our proxy, so the warning would only be noise.
    validate: { xForwardedForHeader: false },
    handler(_req, res, next) {
      const retryAfter = String(res.getHeader('retry-after') ?? Math.ceil(windowMs / 1000));
      if (oauthErrors) {
        noteReason(res, `rate_limited_${policy}`);
        res.status(429).set({ 'Retry-After': retryAfter, 'Cache-Control': 'no-store' }).json({
          error: 'temporarily_unavailable',
          error_description: 'too many token requests from this address; retry after Retry-After',
        });
        return;
      }
      next(
        new HttpError(429, 'Too many requests; try again after the time in Retry-After.', {
          headers: { 'Retry-After': retryAfter },
          reason: `rate_limited_${policy}`,
        }),
      );
    },
  });
}

/**
 * limitPerSubject counts requests per verified token subject (`sub`); it must run after
 * `requireJwt`. A 429 problem carries `Retry-After`; every answer carries `RateLimit`.
 *
 * @example router.all('/v1/notes', jwt, limitPerSubject({ limit: 300, windowMs: 60_000 }), proxy);
 */
export function limitPerSubject(options: RateLimitOptions): RequestHandler {
  return limiter('per-subject', (_req, res) => principalOf(res).subject, options);
}

/**
 * limitPerClientIp counts requests per client address: `req.ip`, which follows `TRUST_PROXY`,
 * with IPv6 clients grouped by /56 so one host cannot rotate through its own addresses.
 *
 * @example router.post('/v1/token', limitPerClientIp({ limit: 30, windowMs: 60_000 }), toAuth);
 */
export function limitPerClientIp(options: RateLimitOptions): RequestHandler {
  return limiter('per-ip', (req) => ipKeyGenerator(req.ip ?? 'unknown'), options);
}
