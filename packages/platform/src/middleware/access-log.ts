import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { reasonOf } from './decision-reason.ts';
import { finalStatus } from './response-status.ts';
import { routeTemplate } from './route-template.ts';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id: set by the request-id step, or by the access log when that step is off. */
    id?: string;
    /** A logger whose every line carries `reqId`; set by the access log step. */
    log: Logger;
  }
}

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  logger: Logger;
}

/**
 * Puts a lazy `log` on the requests' prototype (Express's per-app request object): a child
 * logger is built only for a request whose handler logs, not for every request.
 */
function defineRequestLog(prototype: object, logger: Logger): void {
  Object.defineProperty(prototype, 'log', {
    configurable: true,
    get(this: Request) {
      const log = logger.child({ reqId: this.id });
      Object.defineProperty(this, 'log', { value: log, configurable: true });
      return log;
    },
  });
}

/**
 * One JSON line per finished or aborted request (method, route template, path, status: 499
 * when the client went away first, duration, request id, service, version), at `error` for a 5xx. Request headers are not on it:
 * the line says what happened, and headers are where credentials travel. Puts `req.log` on the
 * request: a logger whose every line carries the request id, built on first use.
 *
 * It is pino directly rather than pino-http, which builds and serialises a child logger per
 * request: most of the chain's cost in `npm run bench`.
 */
export function accessLog({ logger }: AccessLogOptions): RequestHandler {
  const prototypes = new WeakSet<object>();
  return function accessLog(req, res, next) {
    const started = performance.now();
    req.id ??= randomUUID();
    const prototype = Object.getPrototypeOf(req) as object;
    if (!prototypes.has(prototype)) {
      defineRequestLog(prototype, logger);
      prototypes.add(prototype);
    }
    // `close` comes once per response, after `finish` or when the client goes away first.
    res.once('close', () => {
      const status = finalStatus(res);
      const failed = status >= 500;
      if (!logger.isLevelEnabled(failed ? 'error' : 'info')) return;
      const line = {
        reqId: req.id,
        method: req.method,
        route: routeTemplate(req),
        // The path only: query strings carry tokens more often than anyone intends.
        path: req.path,
        status,
        durationMs: Math.round(performance.now() - started),
        reason: reasonOf(res),
      };
      if (failed) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    });
    next();
  };
}
