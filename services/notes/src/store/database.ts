import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { toStorageError } from './errors.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

/** Options for `openDatabase`. */
export interface OpenDatabaseOptions {
  /**
   * How long SQLite waits for another connection's lock before `SQLITE_BUSY`. The wait blocks the
   * event loop, so it is short; `retryBusy` waits asynchronously between attempts instead.
   */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its folder if needed) the SQLite file at `path`, sets it up for safe
 * concurrent use and brings its schema up to date.
 *
 * @example const db = openDatabase('/var/lib/notes/notes.db')
 */
export function openDatabase(
  path: string,
  { busyTimeoutMs = 200 }: OpenDatabaseOptions = {},
): DatabaseSync {
  mkdirSync(dirname(path), { recursive: true });
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
    // WAL: readers never block the writer and a crash mid-write leaves the last commit intact.
    db.exec('PRAGMA journal_mode = WAL');
    // FULL syncs the WAL on every commit. The default for WAL (NORMAL) may lose the last commits
    // on power loss or a kernel crash, and a 201 we already sent must mean the note is on disk.
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw toStorageError(error);
  }
}
