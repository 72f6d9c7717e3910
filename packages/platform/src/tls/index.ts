// TLS below `serve` and `outboundDispatcher`: for a test server, or a client or server that the
// two do not make. A service gets its TLS from its settings through those two.
export { isAllowedClient } from './client-identity.ts';
export {
  type TlsServerOptions,
  createTlsServer,
  secureContextOptions,
} from './create-tls-server.ts';
export {
  type MtlsDispatcher,
  type MtlsDispatcherOptions,
  createMtlsDispatcher,
} from './mtls-dispatcher.ts';
export type { OutboundDispatcherOptions } from './outbound-dispatcher.ts';
export type { TlsLogger } from './tls-logger.ts';
export { type TlsFiles, type TlsMaterial, loadTlsMaterial } from './tls-material.ts';
export {
  type TlsWatcher,
  type TlsWatcherEvents,
  type WatchTlsFilesOptions,
  watchTlsFiles,
} from './watch-tls-files.ts';
