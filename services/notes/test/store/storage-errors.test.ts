import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { StorageUnavailableError } from '../../src/store/errors.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { tempDir } from '../temp-dir.ts';

function setup() {
  const path = join(tempDir(), 'notes.db');
  const db = openDatabase(path, { busyTimeoutMs: 10 });
  const store = new NoteStore(db, { busyRetry: { attempts: 3, delayMs: 1 } });
  // A second connection, as a backup tool or an operator's sqlite3 shell would open.
  const other = new DatabaseSync(path);
  onTestFinished(() => {
    other.close();
    store.close();
  });
  return { db, store, other };
}

describe('NoteStore under a locked database', () => {
  it('when another connection holds the write lock throughout, then writes fail as storage unavailable', async () => {
    const { store, other } = setup();
    other.exec('BEGIN IMMEDIATE');

    const attempt = store.create('alice', { title: 'blocked' });

    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    other.exec('ROLLBACK');
    expect(store.list('alice').items).toEqual([]);
  });

  it('when the lock is released before the retry, then the write succeeds', async () => {
    const { store, other } = setup();
    other.exec('BEGIN IMMEDIATE');

    // The first attempt runs synchronously and meets the lock; the retry waits asynchronously.
    const attempt = store.create('alice', { title: 'patient' });
    other.exec('COMMIT');

    await expect(attempt).resolves.toMatchObject({ title: 'patient' });
  });
});

describe('NoteStore on a full disk', () => {
  it('when the database cannot grow, then writes fail as storage unavailable and earlier notes stay intact', async () => {
    const { db, store } = setup();
    const kept = await store.create('alice', { title: 'before the disk filled' });
    // max_page_count makes SQLite report SQLITE_FULL exactly as a full filesystem would.
    db.exec('PRAGMA max_page_count = 1');

    const attempt = store.create('alice', { title: 'too much', body: 'x'.repeat(20_000) });

    await expect(attempt).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(store.list('alice').items).toEqual([kept]);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('when space returns, then writes succeed again', async () => {
    const { db, store } = setup();
    db.exec('PRAGMA max_page_count = 1');
    await expect(store.create('alice', { title: 'x', body: 'x'.repeat(20_000) })).rejects.toThrow();

    db.exec('PRAGMA max_page_count = 1073741823');
    const created = await store.create('alice', { title: 'x', body: 'x'.repeat(20_000) });

    expect(store.get('alice', created.id)).toEqual(created);
  });
});

describe('NoteStore.ping', () => {
  it('when the database is open, then it resolves', async () => {
    const { store } = setup();

    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('when the database has been closed, then it rejects', async () => {
    const { store } = setup();
    store.close();

    await expect(store.ping()).rejects.toThrow();
  });
});
