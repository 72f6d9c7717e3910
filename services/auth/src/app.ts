import { appOptions, createApp, type CreateAppOptions, type PlatformApp } from '@bulkhead/platform';
import packageJson from '../package.json' with { type: 'json' };
import type { Client } from './clients.ts';
import type { Config } from './config.ts';
import { createFailureLimiter, type FailureLimiter } from './failure-limiter.ts';
import { createSecretChecks, type SecretChecks } from './secret-checks.ts';
import { authRoutes } from './routes.ts';
import type { SigningKeys } from './signing-keys.ts';

/** What the auth app is built from besides its settings; `main.ts` loads them, tests make their own. */
export interface AuthDeps {
  clients: ReadonlyMap<string, Client>;
  keys: SigningKeys;
  /** Failures per client id and source (5 a minute, then slowed). */
  limiter?: FailureLimiter;
  /** Failures per source, whatever the id (20 a minute, then slowed). */
  sourceLimiter?: FailureLimiter;
  secretChecks?: SecretChecks;
  logger?: CreateAppOptions['logger'];
}

/**
 * The auth service app: the platform chain, then the token and JWKS routes. The JSON body parser
 * is off (said on the startup line): auth takes no JSON, and the token route parses its own
 * form-urlencoded body, as RFC 6749 requires.
 * @example const app = createAuthApp(config, await openMountedFiles(config, logger));
 */
export function createAuthApp(
  config: Config,
  {
    clients,
    keys,
    limiter = createFailureLimiter(),
    sourceLimiter = createFailureLimiter({ maxFailures: 20 }),
    secretChecks = createSecretChecks({
      concurrent: config.SECRET_CHECKS_CONCURRENT,
      queued: config.SECRET_CHECKS_QUEUED,
    }),
    logger,
  }: AuthDeps,
): PlatformApp {
  const grant = {
    clients,
    keys,
    limiter,
    sourceLimiter,
    secretChecks,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.TOKEN_TTL_SECONDS,
  };
  return createApp({
    service: 'auth',
    version: packageJson.version,
    routes: authRoutes(grant, { bodyLimit: config.BODY_LIMIT }),
    ...appOptions(config),
    ...(logger && { logger }),
    jsonBody: false,
  });
}
