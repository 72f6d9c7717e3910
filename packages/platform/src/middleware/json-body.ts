import { isUtf8 } from 'node:buffer';
import { parse as parseContentType } from 'content-type';
import express, { type RequestHandler } from 'express';
import { HttpError } from '../errors/http-error.ts';
import { assertDepth, mayHoldPrototypeKeys, refusePrototypeKeys } from './json-guard.ts';
import { defaults } from '../config/defaults.ts';

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

/** JSON is UTF-8 (RFC 8259 §8.1); no charset parameter means UTF-8. */
function isUtf8Charset(contentType: string | undefined): boolean {
  const charset = parseContentType(contentType ?? '').parameters.charset;
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}

/**
 * Parses JSON bodies (strict: objects and arrays only) up to `limit`, refusing deep nesting and
 * prototype keys. A body of any other content type, or in any charset but UTF-8, is answered 415:
 * the guards read the bytes as UTF-8, so a parser decoding UTF-16 would see other text than they
 * checked. Bytes that are not valid UTF-8 are a 400, never stored as U+FFFD.
 */
export function jsonBody({
  limit = defaults.bodyLimit,
  maxDepth = 32,
}: JsonBodyOptions = {}): RequestHandler {
  const parse: RequestHandler = express.json({
    limit,
    strict: true,
    type: jsonTypes,
    verify: (_req, _res, body) => {
      if (!isUtf8(body)) throw new HttpError(400, 'The request body is not valid UTF-8.');
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
    if (!isUtf8Charset(req.headers['content-type'])) {
      next(new HttpError(415, 'The request body must be JSON in UTF-8 (charset=utf-8 or none).'));
      return;
    }
    parse(req, res, next);
  };
}
