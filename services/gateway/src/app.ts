import {
  appOptions,
  createApp,
  requireJwt,
  type CreateAppOptions,
  type PlatformApp,
  type RequireJwtOptions,
} from '@bulkhead/platform';
import type { Request } from 'express';
import type { Store } from 'express-rate-limit';
import type { RemoteJWKSet } from 'jose';
import type { Dispatcher } from 'undici';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import { publishedKeys } from './published-keys.ts';
import { limitPerClientIp, limitPerSubject } from './rate-limit.ts';
import { gatewayRoutes } from './routes.ts';
import { createUpstream } from './upstream/upstream.ts';

/** What the gateway app is built from besides its settings; tests pass their own. */
export interface GatewayDeps {
  /** How upstreams are reached: `outboundDispatcher(config, ...)`, mTLS in production. */
  dispatcher: Dispatcher;
  /**
   * How bearer tokens are verified, `verifierOptions(config, dispatcher)` in production; its
   * keys are also what the JWKS route answers with.
   */
  jwt: RequireJwtOptions & { keys: RemoteJWKSet };
  /** A store per rate limiter; default in memory (see `RateLimitOptions.store`). */
  rateLimitStore?: (limiter: 'api' | 'token') => Store;
  logger?: CreateAppOptions['logger'];
}

/**
 * createGatewayApp builds the gateway: the platform chain without its JSON body parser (bodies
 * are streamed to the upstream untouched, under the same `BODY_LIMIT`), then the route table.
 *
 * @example const app = createGatewayApp(config, { dispatcher, jwt: verifierOptions(config, dispatcher) });
 */
export function createGatewayApp(
  config: Config,
  { dispatcher, jwt, rateLimitStore, logger }: GatewayDeps,
): PlatformApp {
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
    requireJwt: requireJwt(jwt),
    limitApi: limitPerSubject({
      ...window,
      limit: config.RATE_LIMIT_API,
      store: rateLimitStore?.('api'),
    }),
    publishedKeys: publishedKeys({ keys: jwt.keys, refetchEveryMs: config.JWKS_COOLDOWN_MS }),
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
    ...(logger && { logger }),
    jsonBody: false,
  });
}
