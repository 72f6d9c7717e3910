import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { type PlatformApp, setAppContext } from './app-context.ts';
import { defaults } from './config/defaults.ts';
import type { TrustProxy } from './config/trust-proxy.ts';
import { problemHandler } from './errors/problem-handler.ts';
import { countDroppedLines } from './logger/count-dropped-lines.ts';
import { createLogger } from './logger/create-logger.ts';
import { accessLog } from './middleware/access-log.ts';
import { jsonBody } from './middleware/json-body.ts';
import { metrics } from './middleware/metrics.ts';
import { notFound } from './middleware/not-found.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { loadShedding, type LoadSheddingOptions } from './overload/load-shedding.ts';

/** Options of {@link createApp}. Every step is on unless turned off here, by name. */
export interface CreateAppOptions {
  service: string;
  version: string;
  /** The service's routes, mounted after the default chain. */
  routes: Router;
  /** Default: {@link createLogger} at `logLevel`. */
  logger?: Logger;
  /** Default `info`; ignored when `logger` is given. */
  logLevel?: string;
  /** Bound of the log buffer in bytes (default 8 MiB); ignored when `logger` is given. */
  logBufferMaxBytes?: number;
  /** Express `trust proxy`: `false` (default), a hop count, or addresses/CIDRs. */
  trustProxy?: TrustProxy;
  /** Largest JSON body; default `100kb`. */
  bodyLimit?: string | number;
  requestId?: boolean;
  /** `false` turns shedding off; an object sets its bounds. */
  loadShedding?: boolean | LoadSheddingOptions;
  accessLog?: boolean;
  metrics?: boolean;
  securityHeaders?: boolean;
  jsonBody?: boolean;
}

/**
 * Builds an Express 5 app with this chain, in order:
 * 1. request id (`X-Request-Id` kept when plain, else a UUID; on the response and every log line)
 * 2. load shedding (503 with `Retry-After` at once while the event loop is saturated)
 * 3. access log (pino, one JSON line per request; lines beyond the log buffer's bound are dropped
 *    and counted in `log_lines_dropped_total`)
 * 4. metrics (prom-client, on a registry owned by this app)
 * 5. security headers (helmet for a JSON API)
 * 6. JSON body parser (100 kB, strict, JSON types only, else 415)
 * 7. `routes`
 * 8. 405 with `Allow` for a known path, else 404
 * 9. the problem+json error handler
 *
 * `trust proxy` stays off unless `trustProxy` is given; no automatic ETag (set your own).
 *
 * @example
 * const app = createApp({ service: 'notes', version: '1.0.0', routes });
 */
export function createApp({
  service,
  version,
  routes,
  logLevel = defaults.logLevel,
  logBufferMaxBytes,
  logger = createLogger({ service, version, level: logLevel, bufferMaxBytes: logBufferMaxBytes }),
  trustProxy = false,
  bodyLimit = defaults.bodyLimit,
  loadShedding: shedding = true,
  ...switches
}: CreateAppOptions): PlatformApp {
  const on = {
    requestId: switches.requestId ?? true,
    loadShedding: shedding !== false,
    accessLog: switches.accessLog ?? true,
    metrics: switches.metrics ?? true,
    securityHeaders: switches.securityHeaders ?? true,
    jsonBody: switches.jsonBody ?? true,
  };
  const registry = new Registry();
  countDroppedLines({ logger, registry });
  const app = express();
  app.disable('x-powered-by');
  // No automatic weak ETag: it hashes every JSON body (a tenth of the chain's CPU in
  // `npm run bench`) for a cache that API clients rarely use. A route that wants conditional
  // requests sets its own `ETag`; Express still answers 304 for a matching `If-None-Match`.
  app.set('etag', false);
  app.set('trust proxy', trustProxy);

  if (on.requestId) app.use(requestId());
  if (shedding !== false) {
    app.use(loadShedding({ logger, registry, ...(shedding === true ? {} : shedding) }));
  }
  if (on.accessLog) app.use(accessLog({ logger }));
  if (on.metrics) app.use(metrics({ registry }));
  if (on.securityHeaders) app.use(securityHeaders());
  if (on.jsonBody) app.use(jsonBody({ limit: bodyLimit }));
  app.use(routes);
  app.use(notFound({ routes }));
  app.use(problemHandler({ logger }));

  const relaxed = Object.entries(on)
    .filter(([, enabled]) => !enabled)
    .map(([step]) => `${step} off`);
  if (trustProxy !== false) relaxed.push(`trust proxy ${JSON.stringify(trustProxy)}`);
  return setAppContext(app, { service, version, logger, registry, relaxed });
}
