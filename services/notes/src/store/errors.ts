import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The database cannot serve right now (disk full, I/O error, locked past the busy timeout).
 * Nothing was written; the HTTP layer answers 503 with `Retry-After`.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

/** A pagination cursor that this store did not issue (edited, truncated, from elsewhere). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** A note that breaks the rules of `noteInput`; `issues` name each field and why. */
export class InvalidNoteError extends Error {
  override readonly name = 'InvalidNoteError';
  readonly issues: readonly { path: string; message: string }[];

  constructor(issues: readonly { path: string; message: string }[]) {
    super(`invalid note: ${issues.map((issue) => issue.path).join(', ')}`);
    this.issues = issues;
  }
}

/**
 * A write that breaks one of the database's own rules (a CHECK, NOT NULL or UNIQUE constraint, a
 * trigger's RAISE): the input cannot be stored as it is. Nothing was written; the HTTP layer
 * answers 400, never 500.
 */
export class ConstraintError extends Error {
  override readonly name = 'ConstraintError';
}

/** What an owner may store, and what they store now. */
export interface QuotaUse {
  notes: { used: number; limit: number };
  bytes: { used: number; limit: number };
}

/** A write that would take the owner past their quota of notes or stored bytes; nothing was written. */
export class QuotaExceededError extends Error {
  override readonly name = 'QuotaExceededError';
  readonly use: QuotaUse;

  constructor(use: QuotaUse) {
    super(
      `quota exceeded: ${use.notes.used}/${use.notes.limit} notes, ${use.bytes.used}/${use.bytes.limit} bytes`,
    );
    this.use = use;
  }
}

// Primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the low byte.
const SQLITE_BUSY = 5;
const SQLITE_CONSTRAINT = 19;
const transient = new Set([
  SQLITE_BUSY,
  6, // SQLITE_LOCKED
  7, // SQLITE_NOMEM
  8, // SQLITE_READONLY: the volume went read-only
  10, // SQLITE_IOERR
  13, // SQLITE_FULL
  14, // SQLITE_CANTOPEN
]);

function primaryCode(error: unknown): number | undefined {
  if (error instanceof Error && 'errcode' in error && typeof error.errcode === 'number') {
    return error.errcode & 0xff;
  }
  return undefined;
}

/**
 * Turns a transient SQLite error into `StorageUnavailableError` and a broken constraint into
 * `ConstraintError`; anything else is returned as is.
 */
export function toStorageError(error: unknown): unknown {
  const code = primaryCode(error);
  const message = error instanceof Error ? error.message : 'storage error';
  if (code === SQLITE_CONSTRAINT) return new ConstraintError(message, { cause: error });
  if (code === undefined || !transient.has(code)) return error;
  return new StorageUnavailableError(`storage unavailable: ${message}`, { cause: error });
}

/** How often a write that met `SQLITE_BUSY` is tried again, and how long to wait in between. */
export interface BusyRetryOptions {
  attempts?: number;
  delayMs?: number;
}

/**
 * Runs `operation`, trying it again while SQLite answers `SQLITE_BUSY`, up to `attempts` times.
 * The busy timeout already blocks inside SQLite; the pause between attempts is asynchronous, so
 * other requests are served meanwhile. Transient failures end as `StorageUnavailableError`.
 *
 * @example await retryBusy(() => insert.run(...), { attempts: 5, delayMs: 50 })
 */
export async function retryBusy<T>(
  operation: () => T,
  { attempts = 5, delayMs = 50 }: BusyRetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return operation();
    } catch (error) {
      if (primaryCode(error) !== SQLITE_BUSY || attempt >= attempts) throw toStorageError(error);
    }
    await sleep(delayMs * attempt);
  }
}
