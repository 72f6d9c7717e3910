import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { notesApp } from './harness.ts';

describe('DELETE /v1/notes/:id', () => {
  it('when If-Match has the current ETag, answers 204 and the note is gone', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'bye' });

    const res = await request(app)
      .delete(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '"1"');

    expect(res.status).toBe(204);
    expect(store.get('alice', note.id)).toBeUndefined();
  });

  it('when If-Match is missing, answers 428 and keeps the note', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'keep' });

    const res = await request(app)
      .delete(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer());

    expect(res.status).toBe(428);
    expect(store.get('alice', note.id)).toBeDefined();
  });

  it('when If-Match is stale, answers 412 and keeps the note', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'v1' });
    await store.update('alice', note.id, { title: 'v2' }, 1);

    const res = await request(app)
      .delete(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '"1"');

    expect(res.status).toBe(412);
    expect(store.get('alice', note.id)?.title).toBe('v2');
  });

  it('when the note belongs to another subject, answers 404 and keeps it', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('bob', { title: "bob's" });

    const res = await request(app)
      .delete(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '*');

    expect(res.status).toBe(404);
    expect(store.get('bob', note.id)).toBeDefined();
  });
});
