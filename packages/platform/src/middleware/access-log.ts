import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
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

function line(req: Request, res: Response, durationMs: number) {
  // The id is the line's `reqId`; a rejected incoming one (maybe 10 kB) is not worth keeping.
  // Copied without it rather than deleted after: `delete` makes V8 handle the object slowly.
  const headers: Record<string, unknown> = {};
  for (const name of Object.keys(req.headers)) {
    if (name !== 'x-request-id') headers[name] = req.headers[name];
  }
  return {
    method: req.method,
    route: routeTemplate(req),
    // The path only: query strings carry tokens more often than anyone intends.
    path: req.path,
    status: res.statusCode,
    durationMs,
    headers,
  };
}

/**
 * One JSON line per finished or aborted request (method, route template, status, duration,
 * request id, service, version, redacted headers), at `error` for a 5xx. Puts `req.log` on the
 * request: a logger whose every line carries the request id.
 *
 * It is pino directly rather than pino-http, which builds and serialises a second child logger
 * per request that this line never uses: a third of the chain's cost in `npm run bench`.
 */
export function accessLog({ logger }: AccessLogOptions): RequestHandler {
  return function accessLog(req, res, next) {
    const started = Date.now();
    req.id ??= randomUUID();
    const log = logger.child({ reqId: req.id });
    req.log = log;
    // `close` comes once per response, after `finish` or when the client goes away first.
    res.once('close', () => {
      const failed = res.statusCode >= 500;
      if (!log.isLevelEnabled(failed ? 'error' : 'info')) return;
      const object = line(req, res, Date.now() - started);
      if (failed) log.error(object, 'request failed');
      else log.info(object, 'request completed');
    });
    next();
  };
}
