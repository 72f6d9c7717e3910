import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { routeTemplate } from './route-template.ts';

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  logger: Logger;
}

interface Timed {
  responseTime: number;
}

function line(req: IncomingMessage, res: ServerResponse, responseTime: number) {
  const request = req as Request;
  // The id is the line's `reqId`; a rejected incoming one (maybe 10 kB) is not worth keeping.
  const headers = { ...request.headers };
  delete headers['x-request-id'];
  return {
    method: request.method,
    route: routeTemplate(request),
    // The path only: query strings carry tokens more often than anyone intends.
    path: request.path,
    status: res.statusCode,
    durationMs: responseTime,
    headers,
  };
}

/**
 * One JSON line per finished request (method, route template, status, duration, request id,
 * service, version) through pino-http. Puts `req.log` on the request: a logger whose every line
 * carries the request id.
 */
export function accessLog({ logger }: AccessLogOptions): RequestHandler {
  const middleware = pinoHttp({
    logger,
    // Only called when the request id step is off and left `req.id` unset.
    genReqId: () => randomUUID(),
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_req, res) => (res.statusCode >= 500 ? 'error' : 'info'),
    // Unknown errors are logged once, with their stack, by the problem handler.
    customSuccessObject: (req, res, value: Timed) => line(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: Timed) => line(req, res, value.responseTime),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
  return function accessLog(req, res, next) {
    middleware(req, res, next);
  };
}
