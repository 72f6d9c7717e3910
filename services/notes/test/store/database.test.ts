import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { migrate } from '../../src/store/migrate.ts';
import { QuotaExceededError } from '../../src/store/errors.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { tempDir } from '../temp-dir.ts';

function pragma(db: DatabaseSync, name: string): unknown {
  return Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
}

describe('openDatabase', () => {
  it('when the folder does not exist yet, then it creates it and a WAL database with FULL sync', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'notes.db');

    const db = openDatabase(path);

    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(2); // FULL
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'busy_timeout')).toBe(200);
    expect(pragma(db, 'user_version')).toBe(migrations.length);
    db.close();
  });

  it('when the same file is opened again, then the notes survive and migrations do not rerun', async () => {
    const path = join(tempDir(), 'notes.db');
    const first = new NoteStore(openDatabase(path));
    const note = await first.create('alice', { title: 'still here', tags: ['b', 'a'] });
    first.close();

    const second = new NoteStore(openDatabase(path));
    const third = openDatabase(path);

    expect(second.get('alice', note.id)).toEqual(note);
    expect(pragma(third, 'user_version')).toBe(migrations.length);
    second.close();
    third.close();
  });

  it('when the file was written by a newer release, then it refuses to open it', () => {
    const path = join(tempDir(), 'notes.db');
    const future = new DatabaseSync(path);
    future.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    future.close();

    expect(() => openDatabase(path)).toThrow(/newer than this release knows/);
  });

  it('when a database from before usage tracking is opened, then its existing notes count toward the quota', async () => {
    const path = join(tempDir(), 'notes.db');
    const older = new DatabaseSync(path);
    migrate(older, migrations.slice(0, 1));
    const insert = older.prepare(
      `INSERT INTO notes (id, owner, title, body, tags, created_at, updated_at, version)
       VALUES (?, 'alice', 'old', ?, '[]', 0, 0, 1)`,
    );
    insert.run('a', 'x'.repeat(40));
    insert.run('b', 'x'.repeat(40));
    older.close();

    const store = new NoteStore(openDatabase(path), { quota: { maxNotes: 10, maxBytes: 100 } });
    const over = store.create('alice', { title: 'new', body: 'x'.repeat(20) });
    const fits = store.create('alice', { title: 'new', body: 'x'.repeat(5) });

    // 2 × (3 + 40 + 2) = 90 bytes stored; 23 + 2 more do not fit, 8 + 2 do.
    await expect(over).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(fits).resolves.toMatchObject({ title: 'new' });
    store.close();
  });
});
