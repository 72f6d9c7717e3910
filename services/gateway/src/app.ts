import { appOptions, createApp, requireJwt, type CreateAppOptions } from '@bulkhead/platform';
import type { Express, Request } from 'express';
import type { Store } from 'express-rate-limit';
import type { RemoteJWKSet } from 'jose';
import type { Dispatcher } from 'undici';
import packageJson from '../package.json' with { type: 'json' };
import type { GatewayConfig } from './config.ts';
import { publishedKeys } from './published-keys.ts';
import { limitPerClientIp, limitPerSubject } from './rate-limit.ts';
import { gatewayRoutes } from './routes.ts';
import { createUpstream } from './upstream/upstream.ts';

/** What the gateway app is built from; tests pass their own dispatcher, keys and stores. */
export interface GatewayDeps {
  config: GatewayConfig;
  /** How upstreams are reached: the mTLS dispatcher in production. */
  dispatcher: Dispatcher;
  /** The keys bearer tokens are verified with, and the JWKS route answers with: `remoteJwks(...)`. */
  keys: RemoteJWKSet;
  /** A store per rate limiter; default in memory (see `RateLimitOptions.store`). */
  rateLimitStore?: (limiter: 'api' | 'token') => Store;
  logger?: CreateAppOptions['logger'];
}

/**
 * createGatewayApp builds the gateway: the platform chain without its JSON body parser (bodies
 * are streamed to the upstream untouched, under the same `BODY_LIMIT`), then the route table.
 *
 * @example const app = createGatewayApp({ config, dispatcher, keys: remoteJwks({ url }) });
 */
export function createGatewayApp({
  config,
  dispatcher,
  keys,
  rateLimitStore,
  logger,
}: GatewayDeps): Express {
  const upstream = (name: string, url: string) =>
    createUpstream({
      name,
      url,
      dispatcher,
      maxConcurrent: config.UPSTREAM_MAX_CONCURRENT,
      maxPerClient: config.UPSTREAM_MAX_PER_CLIENT,
      requestBodyTimeoutMs: config.REQUEST_BODY_TIMEOUT_MS,
      headersTimeoutMs: config.UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: config.UPSTREAM_BODY_TIMEOUT_MS,
      maxBodyBytes: config.BODY_LIMIT,
      breaker: {
        failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD,
        resetTimeoutMs: config.CIRCUIT_RESET_MS,
      },
      // A client's X-Forwarded-* claims count only when `TRUST_PROXY` trusts the peer, exactly
      // as for req.ip: Express then lists the forwarded chain in req.ips.
      trustForwarded: (req) => (req as Request).ips.length > 0,
    });
  const window = { windowMs: config.RATE_LIMIT_WINDOW_MS };
  const routes = gatewayRoutes({
    notes: upstream('notes', config.NOTES_URL),
    auth: upstream('auth', config.AUTH_URL),
    requireJwt: requireJwt({
      keys,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
    }),
    limitApi: limitPerSubject({
      ...window,
      limit: config.RATE_LIMIT_API,
      store: rateLimitStore?.('api'),
    }),
    publishedKeys: publishedKeys({ keys, refetchEveryMs: config.JWKS_COOLDOWN_MS }),
    limitToken: limitPerClientIp({
      ...window,
      oauthErrors: true,
      limit: config.RATE_LIMIT_TOKEN,
      store: rateLimitStore?.('token'),
    }),
    ...(config.CORS_ORIGINS === undefined ? {} : { corsOrigins: config.CORS_ORIGINS }),
  });
  return createApp({
    service: 'gateway',
    version: packageJson.version,
    routes,
    ...appOptions(config),
    ...(logger === undefined ? {} : { logger }),
    jsonBody: false,
  });
}
