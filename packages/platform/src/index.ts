export { hello } from './hello.ts';

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
export type { BearerError } from './jwt/bearer-error.ts';
export { type Principal, principalOf } from './jwt/principal.ts';
export { type RemoteJwksOptions, remoteJwks } from './jwt/remote-jwks.ts';
export { type RequireJwtOptions, requireJwt } from './jwt/require-jwt.ts';
export { requireScope } from './jwt/require-scope.ts';
