export { createApp, type CreateAppOptions } from './create-app.ts';
export { serve, type ServeHandle, type ServeOptions } from './serve/serve.ts';
export type { ReadinessCheck } from './serve/readiness.ts';
export type { ShutdownHook } from './serve/shutdown.ts';
export { ConfigError, EX_CONFIG, loadConfig, parseConfig } from './config/load-config.ts';
export { platformConfig, type PlatformConfig } from './config/platform-config.ts';
export { appOptions, serveOptions } from './config/options-from-config.ts';
export type { TrustProxy } from './config/trust-proxy.ts';
export { validate, type ValidateSchemas, type ValidationIssue } from './validate.ts';
export { HttpError, type HttpErrorOptions } from './errors/http-error.ts';
export { problem, sendProblem, type Problem } from './errors/problem.ts';
export { createLogger, flushLogsSync, type LoggerOptions } from './logger/create-logger.ts';
export {
  DEFAULT_LOG_BUFFER_MAX_BYTES,
  type LogDestinationOptions,
  logDestination,
} from './logger/log-destination.ts';
export { type CountDroppedLinesOptions, countDroppedLines } from './logger/count-dropped-lines.ts';
export { requestId, requestIdOf, type RequestIdOptions } from './middleware/request-id.ts';
export { noteReason } from './middleware/decision-reason.ts';
export { accessLog, type AccessLogOptions } from './middleware/access-log.ts';
export { metrics, type MetricsOptions } from './middleware/metrics.ts';
export { securityHeaders } from './middleware/security-headers.ts';
export { jsonBody, type JsonBodyOptions } from './middleware/json-body.ts';
export { loadShedding, type LoadSheddingOptions } from './overload/load-shedding.ts';
export { type EventLoopLoad, sampleEventLoop } from './overload/event-loop-load.ts';

// Transport security
export { isAllowedClient } from './tls/client-identity.ts';
export {
  type TlsServerOptions,
  createTlsServer,
  secureContextOptions,
} from './tls/create-tls-server.ts';
export {
  type MtlsDispatcher,
  type MtlsDispatcherOptions,
  createMtlsDispatcher,
} from './tls/mtls-dispatcher.ts';
export type { TlsLogger } from './tls/tls-logger.ts';
export { type TlsFiles, type TlsMaterial, loadTlsMaterial } from './tls/tls-material.ts';
export {
  type TlsWatcher,
  type TlsWatcherEvents,
  type WatchTlsFilesOptions,
  watchTlsFiles,
} from './tls/watch-tls-files.ts';

// Bearer tokens
export { type Principal, principalOf } from './jwt/principal.ts';
export { type RemoteJwksOptions, remoteJwks } from './jwt/remote-jwks.ts';
export { type RequireJwtOptions, requireJwt } from './jwt/require-jwt.ts';
export { requireScope } from './jwt/require-scope.ts';
