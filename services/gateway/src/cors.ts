import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * corsFor allows browser calls from exactly these origins (`https://app.example.com`), with the
 * headers the API uses: a bearer token, JSON, `If-Match`; and lets scripts read `ETag`,
 * `Location` and the rate-limit headers. No cookies are involved, so no credentials mode.
 *
 * @example if (config.CORS_ORIGINS) router.use(corsFor(config.CORS_ORIGINS));
 */
export function corsFor(origins: readonly string[]): RequestHandler {
  return cors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id', 'traceparent'],
    exposedHeaders: [
      'ETag',
      'Location',
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'X-Request-Id',
    ],
    maxAge: 600,
  });
}
