import {
  createLogger,
  loadConfig,
  loggerOptions,
  outboundDispatcher,
  serve,
  serveOptions,
  verifierOptions,
} from '@bulkhead/platform';
import packageJson from '../package.json' with { type: 'json' };
import { createGatewayApp } from './app.ts';
import { configSchema } from './config.ts';

const config = loadConfig(configSchema);
const logger = createLogger({
  service: 'gateway',
  version: packageJson.version,
  ...loggerOptions(config),
});
const dispatcher = await outboundDispatcher(config, {
  logger,
  timeouts: {
    connectTimeoutMs: config.UPSTREAM_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.UPSTREAM_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.UPSTREAM_BODY_TIMEOUT_MS,
  },
});
const app = createGatewayApp(config, {
  dispatcher,
  jwt: verifierOptions(config, dispatcher),
  logger,
});

await serve(app, {
  ...serveOptions(config),
  // No upstream is a readiness check, on purpose: the gateway is the only way in, and taking it
  // out of rotation because notes is slow would take the token route (and every other upstream)
  // down with it. A failing upstream is answered 502/503/504 by its own circuit breaker instead.
  readiness: {},
  onShutdown: [() => dispatcher.close()],
});
