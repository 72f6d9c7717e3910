import { HttpError } from '@bulkhead/platform';
import type { ErrorRequestHandler } from 'express';
import {
  ConstraintError,
  InvalidCursorError,
  InvalidNoteError,
  QuotaExceededError,
  StorageUnavailableError,
} from '../store/errors.ts';

/** Options for `storeErrors`. */
export interface StoreErrorsOptions {
  /** What `Retry-After` says when storage is unavailable, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * Turns the note store's errors into HTTP problems: storage unavailable → 503 with
 * `Retry-After`, a foreign cursor, an invalid note or a broken database rule → 400, an owner at their
 * quota → 409. Other errors pass on untouched.
 */
export function storeErrors({
  retryAfterSeconds = 5,
}: StoreErrorsOptions = {}): ErrorRequestHandler {
  return function storeErrors(error: unknown, _req, _res, next) {
    if (error instanceof StorageUnavailableError) {
      next(
        new HttpError(503, 'Note storage is unavailable; try again shortly', {
          cause: error,
          headers: { 'Retry-After': String(retryAfterSeconds) },
        }),
      );
    } else if (error instanceof InvalidCursorError) {
      next(
        new HttpError(400, error.message, {
          extensions: { errors: [{ path: 'query.cursor', message: error.message }] },
        }),
      );
    } else if (error instanceof QuotaExceededError) {
      const { notes, bytes } = error.use;
      const detail = `Your notes are at their quota (${notes.used} of ${notes.limit} notes, ${bytes.used} of ${bytes.limit} bytes); delete some first.`;
      next(new HttpError(409, detail, { extensions: { quota: error.use } }));
    } else if (error instanceof ConstraintError) {
      // The database's message names its own rule, not the request: it stays in the log.
      next(new HttpError(400, 'The note breaks a rule of the note store.', { cause: error }));
    } else if (error instanceof InvalidNoteError) {
      const errors = error.issues.map(({ path, message }) => ({ path: `body.${path}`, message }));
      next(new HttpError(400, 'The request is not valid.', { extensions: { errors } }));
    } else {
      next(error);
    }
  };
}
