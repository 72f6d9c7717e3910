import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/store/note-store.ts';
import { notesApp, type ProblemBody } from './harness.ts';

describe('GET /v1/notes/:id', () => {
  it('when the note is the caller’s, answers it with its ETag', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'mine' });

    const res = await request(app)
      .get(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer());

    expect(res.status).toBe(200);
    expect(res.body).toEqual(note);
    expect(res.headers.etag).toBe('"1"');
  });

  it('when If-None-Match has the current ETag, answers 304 with no body', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'cached' });

    const res = await request(app)
      .get(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-None-Match', '"1"');

    expect(res.status).toBe(304);
    expect(res.text).toBeFalsy();
  });

  it('when If-None-Match has an older ETag, answers 200 with the note', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'v1' });
    await store.update('alice', note.id, { title: 'v2' }, 1);

    const res = await request(app)
      .get(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-None-Match', '"1"');

    expect(res.status).toBe(200);
    expect((res.body as Note).title).toBe('v2');
  });

  it('when the note belongs to another subject, answers 404', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('bob', { title: "bob's secret" });

    const res = await request(app)
      .get(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer());

    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('when the id is not a UUID, answers 400 naming params.id', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .get('/v1/notes/not-a-uuid')
      .set('Authorization', await bearer());

    expect(res.status).toBe(400);
    expect((res.body as ProblemBody).errors).toContainEqual(
      expect.objectContaining({ path: 'params.id' }),
    );
  });

  it('when no note has that id, answers 404 problem+json', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .get(`/v1/notes/${crypto.randomUUID()}`)
      .set('Authorization', await bearer());

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
