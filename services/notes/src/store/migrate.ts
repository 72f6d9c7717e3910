import type { DatabaseSync } from 'node:sqlite';

/**
 * Applies the steps of `migrations` that the database has not seen yet, all in one transaction,
 * and records how many ran in `PRAGMA user_version`. Running it again is a no-op.
 * Refuses a database written by a newer release (more steps than this code knows).
 */
export function migrate(db: DatabaseSync, migrations: readonly string[]): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const { user_version: applied } = db.prepare('PRAGMA user_version').get() as {
      user_version: number;
    };
    if (applied > migrations.length) {
      throw new Error(
        `database schema version ${applied} is newer than this release knows (${migrations.length})`,
      );
    }
    for (const step of migrations.slice(applied)) db.exec(step);
    // PRAGMA takes no parameters; the value is a count from our own list, never input.
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
