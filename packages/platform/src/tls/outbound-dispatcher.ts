import { Agent, type Dispatcher } from 'undici';
import { defaults } from '../config/defaults.ts';
import type { PlatformConfig } from '../config/platform-config.ts';
import { createMtlsDispatcher } from './mtls-dispatcher.ts';
import type { TlsLogger } from './tls-logger.ts';

/** Options of {@link outboundDispatcher}. */
export interface OutboundDispatcherOptions {
  logger: TlsLogger;
  /** TCP + TLS handshake (2000 ms), request sent → response headers (5000), silence in a body (10000). */
  timeouts?: { connectTimeoutMs?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number };
}

/**
 * How a service calls its peers: with `TLS_CERT_FILE`, `TLS_KEY_FILE` and `TLS_CA_FILE` set, an
 * mTLS dispatcher that presents the service's certificate, trusts only that CA and follows the
 * files; without them (a plain local run), a plain agent, and a warning saying so.
 *
 * @example
 * const dispatcher = await outboundDispatcher(config, { logger });
 */
export async function outboundDispatcher(
  config: Pick<PlatformConfig, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'TLS_CA_FILE'>,
  { logger, timeouts = {} }: OutboundDispatcherOptions,
): Promise<Dispatcher> {
  const {
    connectTimeoutMs = defaults.peerConnectTimeoutMs,
    headersTimeoutMs = defaults.peerHeadersTimeoutMs,
    bodyTimeoutMs = defaults.peerBodyTimeoutMs,
  } = timeouts;
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CA_FILE: caFile } = config;
  if (certFile && keyFile && caFile) {
    const files = { certFile, keyFile, caFile };
    return createMtlsDispatcher({
      ...files,
      connectTimeoutMs,
      headersTimeoutMs,
      bodyTimeoutMs,
      logger,
    });
  }
  logger.warn({}, 'no TLS_CERT_FILE/TLS_KEY_FILE/TLS_CA_FILE: calls to peers without mutual TLS');
  return new Agent({
    connect: { timeout: connectTimeoutMs },
    headersTimeout: headersTimeoutMs,
    bodyTimeout: bodyTimeoutMs,
  });
}
