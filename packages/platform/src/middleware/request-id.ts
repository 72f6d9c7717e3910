import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type {} from 'pino-http';

/** Options of {@link requestId}. */
export interface RequestIdOptions {
  /** The header read from the request and set on the response; default `X-Request-Id`. */
  header?: string;
  /** What an incoming id must match to be kept; anything else is replaced by a fresh UUID. */
  pattern?: RegExp;
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when it is short and plain, else a new
 * UUID. The id is echoed on the response and stamped on every log line of the request.
 */
export function requestId({
  header = 'X-Request-Id',
  pattern = /^[A-Za-z0-9._-]{1,128}$/,
}: RequestIdOptions = {}): RequestHandler {
  return function requestId(req, res, next) {
    const incoming = req.get(header);
    const id = incoming !== undefined && pattern.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader(header, id);
    next();
  };
}

/** The request's id, when the request-id or access-log step gave it one. */
export function requestIdOf(req: Request): string | undefined {
  return typeof req.id === 'string' ? req.id : undefined;
}
