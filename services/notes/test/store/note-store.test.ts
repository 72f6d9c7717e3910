import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import {
  InvalidCursorError,
  InvalidNoteError,
  QuotaExceededError,
} from '../../src/store/errors.ts';
import { NoteStore, type NoteStoreOptions } from '../../src/store/note-store.ts';
import { tempDir } from '../temp-dir.ts';

function openStore(options?: NoteStoreOptions): NoteStore {
  const store = new NoteStore(openDatabase(join(tempDir(), 'notes.db')), options);
  onTestFinished(() => {
    store.close();
  });
  return store;
}

describe('NoteStore.create', () => {
  it('when the note is valid, then get returns it at version 1 with its tags in order', async () => {
    const store = openStore();

    const created = await store.create('alice', {
      title: 'Shopping',
      body: 'milk',
      tags: ['z', 'a'],
    });

    expect(created).toMatchObject({
      title: 'Shopping',
      body: 'milk',
      tags: ['z', 'a'],
      version: 1,
    });
    expect(store.get('alice', created.id)).toEqual(created);
  });

  it('when body and tags are left out, then they default to empty', async () => {
    const store = openStore();

    const created = await store.create('alice', { title: 'Just a title' });

    expect(created).toMatchObject({ body: '', tags: [] });
  });

  it('when the title is 200 characters of emoji, then it round-trips unchanged', async () => {
    const store = openStore();
    const title = '📝'.repeat(200);

    const created = await store.create('alice', { title });

    expect(store.get('alice', created.id)?.title).toBe(title);
  });

  it.each([
    ['a 201-character title', { title: 'x'.repeat(201) }, 'title'],
    ['an empty title', { title: '' }, 'title'],
    ['a 20,001-character body', { title: 't', body: 'x'.repeat(20_001) }, 'body'],
    ['11 tags', { title: 't', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    ['an upper-case tag', { title: 't', tags: ['Work'] }, 'tags.0'],
    ['an unknown field', { title: 't', owner: 'bob' }, ''],
  ])('when given %s, then it throws InvalidNoteError naming the field', async (_, input, path) => {
    const store = openStore();

    const attempt = store.create('alice', input);

    await expect(attempt).rejects.toBeInstanceOf(InvalidNoteError);
    await expect(attempt).rejects.toMatchObject({ issues: [expect.objectContaining({ path })] });
  });

  it('when given exactly 200 characters and 10 tags, then it accepts them', async () => {
    const store = openStore();
    const tags = Array.from({ length: 10 }, (_, i) => `tag-${i}`);

    const created = await store.create('alice', { title: 'x'.repeat(200), tags });

    expect(created.tags).toEqual(tags);
  });
});

describe('NoteStore.get', () => {
  it('when the note belongs to someone else, then it is not found', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'private' });

    expect(store.get('bob', note.id)).toBeUndefined();
  });
});

describe('NoteStore.update', () => {
  it('when the version is current, then it replaces the note and bumps the version', async () => {
    let clock = 1_000;
    const store = openStore({ now: () => clock });
    const note = await store.create('alice', { title: 'old', tags: ['a'] });
    clock = 2_000;

    const outcome = await store.update('alice', note.id, { title: 'new' }, 1);

    expect(outcome).toEqual({
      status: 'ok',
      value: {
        ...note,
        title: 'new',
        tags: [],
        version: 2,
        updatedAt: new Date(2_000).toISOString(),
      },
    });
    expect(store.get('alice', note.id)?.version).toBe(2);
  });

  it('when the version is stale, then it reports a conflict and changes nothing', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'v1' });
    await store.update('alice', note.id, { title: 'v2' }, 1);

    const outcome = await store.update('alice', note.id, { title: 'lost update' }, 1);

    expect(outcome).toEqual({ status: 'conflict', currentVersion: 2 });
    expect(store.get('alice', note.id)?.title).toBe('v2');
  });

  it('when the note belongs to someone else, then it is not found and unchanged', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'mine' });

    const outcome = await store.update('bob', note.id, { title: 'theirs' }, 1);

    expect(outcome).toEqual({ status: 'not-found' });
    expect(store.get('alice', note.id)?.title).toBe('mine');
  });
});

describe('NoteStore.delete', () => {
  it('when the version is current, then the note is gone', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'bye' });

    const outcome = await store.delete('alice', note.id, 1);

    expect(outcome).toEqual({ status: 'ok', value: undefined });
    expect(store.get('alice', note.id)).toBeUndefined();
  });

  it('when the version is stale, then it reports a conflict and keeps the note', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'keep' });
    await store.update('alice', note.id, { title: 'keep too' }, 1);

    const outcome = await store.delete('alice', note.id, 1);

    expect(outcome).toEqual({ status: 'conflict', currentVersion: 2 });
    expect(store.get('alice', note.id)).toBeDefined();
  });

  it('when the note belongs to someone else, then it is not found and kept', async () => {
    const store = openStore();
    const note = await store.create('alice', { title: 'mine' });

    const outcome = await store.delete('bob', note.id, 1);

    expect(outcome).toEqual({ status: 'not-found' });
    expect(store.get('alice', note.id)).toBeDefined();
  });
});

describe('NoteStore.list', () => {
  it('when notes are added between pages, then every older note appears exactly once, newest first', async () => {
    let clock = 0;
    const store = openStore({ now: () => ++clock });
    const original = [];
    for (let i = 0; i < 25; i++) original.push(await store.create('alice', { title: `n${i}` }));

    const seen = [];
    let page = store.list('alice', { limit: 10 });
    seen.push(...page.items);
    while (page.nextCursor) {
      await store.create('alice', { title: 'added meanwhile' });
      page = store.list('alice', { limit: 10, cursor: page.nextCursor });
      seen.push(...page.items);
    }

    expect(seen.map((note) => note.id)).toEqual(original.reverse().map((note) => note.id));
  });

  it('when many notes share a timestamp, then pages still cover each note exactly once', async () => {
    const store = openStore({ now: () => 42 });
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await store.create('alice', { title: `n${i}` })).id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = store.list('alice', { limit: 3, cursor });
      seen.push(...page.items.map((note) => note.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(ids);
  });

  it('when the last page is full, then nextCursor is null rather than pointing at nothing', async () => {
    const store = openStore();
    for (let i = 0; i < 4; i++) await store.create('alice', { title: `n${i}` });

    const page = store.list('alice', { limit: 4 });

    expect(page.items).toHaveLength(4);
    expect(page.nextCursor).toBeNull();
  });

  it('when someone else has notes, then they are not listed', async () => {
    const store = openStore();
    await store.create('bob', { title: "bob's" });
    const mine = await store.create('alice', { title: 'mine' });

    expect(store.list('alice')).toEqual({ items: [mine], nextCursor: null });
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['valid base64url of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a non-UUID id', Buffer.from('[1,"x"]').toString('base64url')],
  ])('when the cursor is %s, then it throws InvalidCursorError', (_, cursor) => {
    const store = openStore();

    expect(() => store.list('alice', { cursor })).toThrow(InvalidCursorError);
  });
});

describe('NoteStore quota', () => {
  it('when an owner at their note limit replaces a note, then it fits; a new note does not', async () => {
    const store = openStore({ quota: { maxNotes: 1, maxBytes: 1000 } });
    const note = await store.create('alice', { title: 'only' });

    const replaced = await store.update('alice', note.id, { title: 'still only' }, note.version);
    const extra = store.create('alice', { title: 'one more' });

    expect(replaced.status).toBe('ok');
    await expect(extra).rejects.toBeInstanceOf(QuotaExceededError);
    expect(store.list('alice').items.map(({ title }) => title)).toEqual(['still only']);
  });

  it('when a replace would grow past the byte limit, then it is refused and the note keeps its text', async () => {
    const store = openStore({ quota: { maxNotes: 10, maxBytes: 100 } });
    const note = await store.create('alice', { title: 'short', body: 'x'.repeat(50) });

    const grown = store.update(
      'alice',
      note.id,
      { title: 'short', body: 'x'.repeat(200) },
      note.version,
    );

    await expect(grown).rejects.toBeInstanceOf(QuotaExceededError);
    expect(store.get('alice', note.id)?.body).toBe('x'.repeat(50));
  });

  it('when an owner at their limits deletes a note, then its notes and bytes are free again', async () => {
    const store = openStore({ quota: { maxNotes: 1, maxBytes: 100 } });
    const note = await store.create('alice', { title: 'first', body: 'x'.repeat(80) });
    const refused = store.create('alice', { title: 'second', body: 'x'.repeat(80) });
    await expect(refused).rejects.toBeInstanceOf(QuotaExceededError);

    await store.delete('alice', note.id, note.version);
    const second = await store.create('alice', { title: 'second', body: 'x'.repeat(80) });

    expect(store.list('alice').items).toEqual([second]);
  });

  it('when another owner is full, then this owner still writes', async () => {
    const store = openStore({ quota: { maxNotes: 1, maxBytes: 1000 } });
    await store.create('alice', { title: 'full' });
    await expect(store.create('alice', { title: 'over' })).rejects.toBeInstanceOf(
      QuotaExceededError,
    );

    const bobs = await store.create('bob', { title: 'mine' });

    expect(store.get('bob', bobs.id)?.title).toBe('mine');
  });
});
