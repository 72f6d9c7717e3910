import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { noteInput, type NoteInput } from '../schemas.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import {
  InvalidNoteError,
  QuotaExceededError,
  retryBusy,
  toStorageError,
  type BusyRetryOptions,
} from './errors.ts';

/** A note as clients see it. `version` starts at 1 and grows by one per update. */
export interface Note {
  id: string;
  title: string;
  body: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One page of notes, newest first; `nextCursor` is null on the last page. */
export interface NotePage {
  items: Note[];
  nextCursor: string | null;
}

/** The outcome of a versioned write: done, no such note (for this owner), or a stale version. */
export type WriteOutcome<T> =
  | { status: 'ok'; value: T }
  | { status: 'not-found' }
  | { status: 'conflict'; currentVersion: number };

/** What one owner may store when no quota is given: 1000 notes, 10 MiB. */
export const defaultQuota = { maxNotes: 1000, maxBytes: 10 * 2 ** 20 };

/** Options for `NoteStore`. */
export interface NoteStoreOptions {
  /** The clock, in ms since the epoch; tests pass a fixed one. */
  now?: () => number;
  /** How writes retry on `SQLITE_BUSY`. */
  busyRetry?: BusyRetryOptions;
  /** What one owner may store: notes and bytes (UTF-8 title, body and tags); `defaultQuota`. */
  quota?: { maxNotes?: number; maxBytes?: number };
}

interface NoteRow {
  id: string;
  title: string;
  body: string;
  tags: string;
  created_at: number;
  updated_at: number;
  version: number;
}

const columns = 'id, title, body, tags, created_at, updated_at, version';
/** A note's stored size: its text columns in UTF-8 bytes, as they sit on disk. */
const noteBytes =
  'length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)) + length(CAST(tags AS BLOB))';

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: JSON.parse(row.tags) as string[],
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** Every statement the store runs, prepared once; values are always bound, never spliced. */
function prepareStatements(db: DatabaseSync) {
  const prepare = (sql: string) => db.prepare(sql);
  return {
    begin: prepare('BEGIN IMMEDIATE'),
    commit: prepare('COMMIT'),
    rollback: prepare('ROLLBACK'),
    ping: prepare('SELECT count(*) FROM sqlite_schema'),
    insert: prepare(
      `INSERT INTO notes (id, owner, title, body, tags, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING ${columns}`,
    ),
    get: prepare(`SELECT ${columns} FROM notes WHERE owner = ? AND id = ?`),
    firstPage: prepare(
      `SELECT ${columns} FROM notes WHERE owner = ?
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    nextPage: prepare(
      `SELECT ${columns} FROM notes WHERE owner = ? AND (created_at, id) < (?, ?)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    update: prepare(
      `UPDATE notes SET title = ?, body = ?, tags = ?, updated_at = ?, version = version + 1
       WHERE owner = ? AND id = ? AND version = ? RETURNING ${columns}`,
    ),
    delete: prepare('DELETE FROM notes WHERE owner = ? AND id = ? AND version = ?'),
    version: prepare('SELECT version FROM notes WHERE owner = ? AND id = ?'),
    // What an owner stores now (kept by triggers, see migration 0002), leaving out the one note a
    // replace overwrites.
    usage: prepare(
      `SELECT coalesce(u.notes, 0) - count(n.id) AS notes,
              coalesce(u.bytes, 0) - coalesce(sum(${noteBytes}), 0) AS bytes
       FROM (SELECT ? AS owner, ? AS replacing) AS q
       LEFT JOIN owner_usage AS u ON u.owner = q.owner
       LEFT JOIN notes AS n ON n.owner = q.owner AND n.id = q.replacing`,
    ),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

function parseNote(input: NoteInput) {
  const parsed = noteInput.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidNoteError(
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/**
 * Notes in SQLite, each owned by one subject: an owner never sees, changes or deletes another
 * owner's note (it is simply not found). Every write runs in a transaction and checks the version
 * the caller last saw, so concurrent writers never overwrite each other silently.
 *
 * @example const store = new NoteStore(openDatabase(path)); await store.create('alice', { title: 'Hi' })
 */
export class NoteStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #busyRetry: BusyRetryOptions;
  readonly #sql: Statements;
  readonly #quota: { maxNotes: number; maxBytes: number };

  constructor(
    db: DatabaseSync,
    {
      now = Date.now,
      busyRetry = {},
      quota: { maxNotes = defaultQuota.maxNotes, maxBytes = defaultQuota.maxBytes } = {},
    }: NoteStoreOptions = {},
  ) {
    this.#db = db;
    this.#now = now;
    this.#busyRetry = busyRetry;
    this.#sql = prepareStatements(db);
    this.#quota = { maxNotes, maxBytes };
  }

  /**
   * Throws `QuotaExceededError` when storing `note` (in place of note `replacing`, if given) would
   * take `owner` past their quota. Runs inside the write's transaction, so concurrent writes of
   * one owner cannot both slip under the limit.
   */
  #checkQuota(
    owner: string,
    note: { title: string; body: string; tags: string },
    replacing?: string,
  ) {
    const { notes, bytes } = this.#sql.usage.get(owner, replacing ?? null) as {
      notes: number;
      bytes: number;
    };
    const size =
      Buffer.byteLength(note.title) + Buffer.byteLength(note.body) + Buffer.byteLength(note.tags);
    const { maxNotes, maxBytes } = this.#quota;
    if (notes + 1 > maxNotes || bytes + size > maxBytes) {
      throw new QuotaExceededError({
        notes: { used: notes + (replacing === undefined ? 0 : 1), limit: maxNotes },
        bytes: { used: bytes, limit: maxBytes },
      });
    }
  }

  /**
   * Creates a note for `owner`; throws `InvalidNoteError` when the input breaks the rules and
   * `QuotaExceededError` when the owner's quota has no room for it.
   */
  async create(owner: string, input: NoteInput): Promise<Note> {
    const { title, body, tags } = parseNote(input);
    const stored = { title, body, tags: JSON.stringify(tags) };
    const now = this.#now();
    return this.#write(() => {
      this.#checkQuota(owner, stored);
      return toNote(
        this.#sql.insert.get(
          randomUUID(),
          owner,
          title,
          body,
          stored.tags,
          now,
          now,
        ) as unknown as NoteRow,
      );
    });
  }

  /** The owner's note with this id, or undefined (also when someone else owns it). */
  get(owner: string, id: string): Note | undefined {
    const row = this.#read(() => this.#sql.get.get(owner, id)) as NoteRow | undefined;
    return row && toNote(row);
  }

  /**
   * One page of the owner's notes, newest first. Pass the previous page's `nextCursor` to go on;
   * notes created meanwhile never shift a page (no duplicates, no gaps). A cursor this store did
   * not issue throws `InvalidCursorError`.
   */
  list(owner: string, { limit = 20, cursor }: { limit?: number; cursor?: string } = {}): NotePage {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new RangeError('limit must be an integer from 1 to 100');
    }
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const rows = this.#read(() =>
      after
        ? this.#sql.nextPage.all(owner, after.createdAt, after.id, limit + 1)
        : this.#sql.firstPage.all(owner, limit + 1),
    ) as unknown as NoteRow[];
    const items = rows.slice(0, limit).map(toNote);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items,
      nextCursor: last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  }

  /** Replaces title, body and tags when the note is still at `expectedVersion`. */
  async update(
    owner: string,
    id: string,
    input: NoteInput,
    expectedVersion: number,
  ): Promise<WriteOutcome<Note>> {
    const { title, body, tags } = parseNote(input);
    const stored = { title, body, tags: JSON.stringify(tags) };
    return this.#write(() => {
      this.#checkQuota(owner, stored, id);
      const row = this.#sql.update.get(
        title,
        body,
        stored.tags,
        this.#now(),
        owner,
        id,
        expectedVersion,
      ) as NoteRow | undefined;
      return row ? { status: 'ok', value: toNote(row) } : this.#missOutcome(owner, id);
    });
  }

  /** Deletes the note when it is still at `expectedVersion`. */
  async delete(owner: string, id: string, expectedVersion: number): Promise<WriteOutcome<void>> {
    return this.#write(() => {
      const { changes } = this.#sql.delete.run(owner, id, expectedVersion);
      return changes > 0 ? { status: 'ok', value: undefined } : this.#missOutcome(owner, id);
    });
  }

  /** Readiness: resolves when the database answers a trivial query, else rejects. */
  async ping(): Promise<void> {
    await Promise.resolve(this.#read(() => this.#sql.ping.get()));
  }

  /** Closes the database; the WAL is checkpointed into the main file. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #missOutcome(owner: string, id: string): WriteOutcome<never> {
    const row = this.#sql.version.get(owner, id) as { version: number } | undefined;
    return row ? { status: 'conflict', currentVersion: row.version } : { status: 'not-found' };
  }

  #read<T>(query: () => T): T {
    try {
      return query();
    } catch (error) {
      throw toStorageError(error);
    }
  }

  /** Runs `work` in one IMMEDIATE transaction (the write lock is taken up front), retrying on busy. */
  #write<T>(work: () => T): Promise<T> {
    return retryBusy(() => {
      this.#sql.begin.run();
      try {
        const result = work();
        this.#sql.commit.run();
        return result;
      } catch (error) {
        // SQLite rolls back by itself after some errors (full disk, I/O); only roll back what is open.
        if (this.#db.isTransaction) this.#sql.rollback.run();
        throw error;
      }
    }, this.#busyRetry);
  }
}
