// What a service uses. The chain's steps, TLS internals and logging parts are behind subpaths
// (`@bulkhead/platform/middleware`, `/tls`, `/logging`, `/jwt`): reach for those only to build
// something the defaults do not, such as a test server or a chain assembled by hand.

// Settings
export { ConfigError, EX_CONFIG, loadConfig, parseConfig } from './config/load-config.ts';
export {
  bodySize,
  platformConfig,
  tokenConfig,
  verifierConfig,
  type PlatformConfig,
  type VerifierConfig,
} from './config/platform-config.ts';
export {
  appOptions,
  loggerOptions,
  serveOptions,
  verifierOptions,
} from './config/options-from-config.ts';

// The app and its servers
export type { PlatformApp } from './app-context.ts';
export { defaults } from './config/defaults.ts';
export { createApp, type CreateAppOptions } from './create-app.ts';
export { serve, type ServeHandle, type ServeOptions } from './serve/serve.ts';
export { createLogger } from './logger/create-logger.ts';
export type { Logger } from 'pino';
export { outboundDispatcher } from './tls/outbound-dispatcher.ts';

// Handlers
export { validate } from './validate.ts';
export { HttpError } from './errors/http-error.ts';
export { noteReason } from './middleware/decision-reason.ts';
export { requestIdOf } from './middleware/request-id.ts';
export { type Principal, principalOf } from './jwt/principal.ts';
export { type RequireJwtOptions, requireJwt } from './jwt/require-jwt.ts';
export { requireScope } from './jwt/require-scope.ts';
