import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { migrations } from '../../src/store/migrations/index.ts';
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
});
