import type { RemoteJWKSet } from 'jose';
import type { Dispatcher } from 'undici';
import type { CreateAppOptions } from '../create-app.ts';
import { remoteJwks } from '../jwt/remote-jwks.ts';
import type { RequireJwtOptions } from '../jwt/require-jwt.ts';
import type { LoggerOptions } from '../logger/create-logger.ts';
import type { ServeOptions } from '../serve/serve.ts';
import { ConfigError } from './load-config.ts';
import type { PlatformConfig, VerifierConfig } from './platform-config.ts';

/**
 * The `createLogger` options that come from the shared config keys.
 *
 * @example
 * const logger = createLogger({ service: 'notes', version, ...loggerOptions(config) });
 */
export function loggerOptions(
  config: PlatformConfig,
): Pick<LoggerOptions, 'level' | 'bufferMaxBytes'> {
  return { level: config.LOG_LEVEL, bufferMaxBytes: config.LOG_BUFFER_MAX_BYTES };
}

/**
 * `requireJwt`'s options from the verifier keys: auth's keys fetched through `dispatcher` (the
 * service's mTLS one, since auth asks for a client certificate), the expected issuer and audience.
 *
 * @example
 * const jwt = verifierOptions(config, dispatcher);
 * router.get('/v1/notes', requireJwt(jwt), listNotes);
 */
export function verifierOptions(
  config: VerifierConfig,
  dispatcher: Dispatcher,
): RequireJwtOptions & { keys: RemoteJWKSet } {
  return {
    keys: remoteJwks({
      url: config.JWKS_URL,
      dispatcher,
      timeoutMs: config.JWKS_TIMEOUT_MS,
      cooldownMs: config.JWKS_COOLDOWN_MS,
    }),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * The `createApp` options that come from the shared config keys.
 *
 * @example
 * createApp({ service: 'notes', version, routes, ...appOptions(config) });
 */
export function appOptions(config: PlatformConfig): Partial<CreateAppOptions> {
  return {
    logLevel: config.LOG_LEVEL,
    logBufferMaxBytes: config.LOG_BUFFER_MAX_BYTES,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT,
    loadShedding: config.OVERLOAD_SHEDDING === 'on' && {
      maxEventLoopDelayMs: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxEventLoopUtilization: config.OVERLOAD_MAX_ELU,
    },
  };
}

/**
 * The `serve` options that come from the shared config keys. Throws a `ConfigError` when only
 * one of `TLS_CERT_FILE` and `TLS_KEY_FILE` is set.
 *
 * @example
 * await serve(app, { ...serveOptions(config), readiness: { database: () => store.ping() } });
 */
export function serveOptions(config: PlatformConfig): ServeOptions {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CA_FILE: caFile } = config;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError(['TLS_CERT_FILE, TLS_KEY_FILE: set both or neither']);
  }
  const allowedClients = config.MTLS_ALLOWED_CLIENTS ?? [];
  if (allowedClients.length > 0 && !(certFile && caFile)) {
    throw new ConfigError([
      'MTLS_ALLOWED_CLIENTS: needs TLS_CERT_FILE, TLS_KEY_FILE and TLS_CA_FILE',
    ]);
  }
  return {
    port: config.PORT,
    adminPort: config.ADMIN_PORT,
    host: config.HOST,
    ...(certFile && keyFile ? { tls: { certFile, keyFile, ...(caFile ? { caFile } : {}) } } : {}),
    allowedClients,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingIntervalMs: config.CONNECTIONS_CHECKING_INTERVAL_MS,
    tlsHandshakeTimeoutMs: config.TLS_HANDSHAKE_TIMEOUT_MS,
    maxHeaderSize: config.MAX_HEADER_SIZE,
    maxConnections: config.MAX_CONNECTIONS,
  };
}
