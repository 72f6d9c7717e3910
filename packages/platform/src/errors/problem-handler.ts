import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from 'pino';
import { summarizedWarnings } from '../logger/summarized-warnings.ts';
import { noteReason } from '../middleware/decision-reason.ts';
import { requestIdOf } from '../middleware/request-id.ts';
import { HttpError } from './http-error.ts';
import { problem, sendProblem } from './problem.ts';

/** Options of {@link problemHandler}. */
export interface ProblemHandlerOptions {
  /** Used when the request has no `req.log` (access log off). */
  logger: Logger;
}

/** Our own words for body-parser's errors: their messages may echo what the client sent. */
const clientErrorDetails: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is larger than this endpoint accepts.',
  'encoding.unsupported': 'The request body has an unsupported Content-Encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted while its body was being read.',
  'request.size.invalid': 'The request body length does not match Content-Length.',
};

interface ClientError {
  status: number;
  type?: unknown;
}

/** Errors from Express and body-parser (http-errors) that blame the request. */
function isClientError(error: unknown): error is ClientError {
  if (typeof error !== 'object' || error === null || !('status' in error)) return false;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function logOf(req: Request, fallback: Logger): Logger {
  // `req.log` exists only while the access log step is on.
  return 'log' in req ? req.log : fallback;
}

/**
 * The last handler: answers every error as RFC 9457 `application/problem+json` with `instance`
 * set to the request id. Unknown errors become a generic 500 and are logged once, with stack. A
 * 5xx the code chose (at capacity, circuit open, upstream timeout) is expected under load: a
 * `warn` without a stack, once per kind and 10 s with how many more came.
 */
export function problemHandler({ logger }: ProblemHandlerOptions): ErrorRequestHandler {
  const expected = summarizedWarnings({ logger });
  return function problemHandler(error: unknown, req, res, next) {
    if (res.headersSent) {
      logOf(req, logger).error({ err: error }, 'error after the response started');
      next(error);
      return;
    }
    const instance = requestIdOf(req);
    if (error instanceof HttpError) {
      if (error.reason !== undefined) noteReason(res, error.reason);
      if (error.status >= 500) {
        const cause = error.cause instanceof Error ? error.cause.message : undefined;
        expected.warn(
          `${error.status} ${error.detail}`,
          { status: error.status, reqId: instance, cause },
          error.detail,
        );
      }
      res.set(error.headers);
      const { type } = error;
      sendProblem(
        res,
        problem(error.status, error.detail, { ...error.extensions, type, instance }),
      );
    } else if (isClientError(error)) {
      const detail = (typeof error.type === 'string' && clientErrorDetails[error.type]) || '';
      sendProblem(res, problem(error.status, detail || 'The request was refused.', { instance }));
    } else {
      logOf(req, logger).error({ err: error }, 'unhandled error');
      sendProblem(res, problem(500, 'Something went wrong on our side.', { instance }));
    }
  };
}
