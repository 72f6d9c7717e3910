import {
  createLogger,
  createMtlsDispatcher,
  remoteJwks,
  serve,
  serveOptions,
} from '@bulkhead/platform';
import { Agent, type Dispatcher } from 'undici';
import packageJson from '../package.json' with { type: 'json' };
import { createGatewayApp } from './app.ts';
import { gatewayConfig, type GatewayConfig } from './config.ts';

/** Upstream calls present the gateway's certificate whenever it has one. */
async function upstreamDispatcher(
  config: GatewayConfig,
  logger: ReturnType<typeof createLogger>,
): Promise<Dispatcher> {
  const timeouts = {
    connectTimeoutMs: config.UPSTREAM_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.UPSTREAM_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.UPSTREAM_BODY_TIMEOUT_MS,
  };
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CA_FILE: caFile } = config;
  if (certFile && keyFile && caFile) {
    return createMtlsDispatcher({ certFile, keyFile, caFile, ...timeouts, logger });
  }
  logger.warn('no TLS_CERT_FILE/TLS_KEY_FILE/TLS_CA_FILE: upstream calls without mutual TLS');
  return new Agent({ connect: { timeout: timeouts.connectTimeoutMs } });
}

const config = gatewayConfig();
const logger = createLogger({
  service: 'gateway',
  version: packageJson.version,
  level: config.LOG_LEVEL,
  bufferMaxBytes: config.LOG_BUFFER_MAX_BYTES,
});
const dispatcher = await upstreamDispatcher(config, logger);
const keys = remoteJwks({
  url: config.JWKS_URL,
  dispatcher,
  timeoutMs: config.JWKS_TIMEOUT_MS,
  cooldownMs: config.JWKS_COOLDOWN_MS,
});
const app = createGatewayApp({ config, dispatcher, keys, logger });

await serve(app, {
  ...serveOptions(config),
  // No upstream is a readiness check, on purpose: the gateway is the only way in, and taking it
  // out of rotation because notes is slow would take the token route (and every other upstream)
  // down with it. A failing upstream is answered 502/503/504 by its own circuit breaker instead.
  readiness: {},
  onShutdown: [() => dispatcher.close()],
});
