import express, { type RequestHandler } from 'express';
import { HttpError } from '../errors/http-error.ts';
import { assertDepth, mayHoldPrototypeKeys, refusePrototypeKeys } from './json-guard.ts';

/** Options of {@link jsonBody}. */
export interface JsonBodyOptions {
  /** Largest accepted body, in bytes or as `100kb`; default `100kb`. */
  limit?: string | number;
  /** Deepest accepted nesting of objects and arrays; default 32. */
  maxDepth?: number;
}

const jsonTypes = ['application/json', 'application/*+json'];

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Parses once with the prototype-key reviver; any failure is the parser's usual 400. */
function refuseParse(body: Buffer): void {
  try {
    JSON.parse(body.toString('utf8'), refusePrototypeKeys);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/**
 * Parses JSON bodies (strict: objects and arrays only) up to `limit`, refusing deep nesting and
 * prototype keys. A body of any other content type is answered 415: this is a JSON API.
 */
export function jsonBody({ limit = '100kb', maxDepth = 32 }: JsonBodyOptions = {}): RequestHandler {
  const parse: RequestHandler = express.json({
    limit,
    strict: true,
    type: jsonTypes,
    verify: (_req, _res, body) => {
      assertDepth(body, maxDepth);
      if (mayHoldPrototypeKeys(body)) refuseParse(body);
    },
  });
  return function jsonBody(req, res, next) {
    // No body at all (most GETs): nothing for the parser to do, not even reading Content-Type.
    if (
      req.headers['content-length'] === undefined &&
      req.headers['transfer-encoding'] === undefined
    ) {
      next();
      return;
    }
    if (hasBody(req) && !req.is(jsonTypes)) {
      next(new HttpError(415, 'The request body must be application/json.'));
      return;
    }
    parse(req, res, next);
  };
}
