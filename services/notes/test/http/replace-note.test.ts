import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { notesApp, type ProblemBody } from './harness.ts';

describe('PUT /v1/notes/:id', () => {
  it('when If-Match has the current ETag, replaces the note and answers the new ETag', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'draft', tags: ['a'] });

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '"1"')
      .send({ title: 'final', body: 'done' });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      id: note.id,
      title: 'final',
      body: 'done',
      tags: [],
      version: 2,
    });
    expect(store.get('alice', note.id)?.title).toBe('final');
  });

  it('when If-Match is missing, answers 428 and changes nothing', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'keep' });

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .send({ title: 'blind overwrite' });

    expect(res.status).toBe(428);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(store.get('alice', note.id)?.title).toBe('keep');
  });

  it('when two writers hold the same ETag, the second gets 412 and the first one’s change stays', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'shared' });
    const auth = await bearer();
    const put = (title: string) =>
      request(app)
        .put(`/v1/notes/${note.id}`)
        .set('Authorization', auth)
        .set('If-Match', '"1"')
        .send({ title });

    const first = await put('first writer');
    const second = await put('second writer');

    expect(first.status).toBe(200);
    expect(second.status).toBe(412);
    expect(store.get('alice', note.id)?.title).toBe('first writer');
  });

  it('when If-Match is *, replaces whatever version is current', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'v1' });
    await store.update('alice', note.id, { title: 'v2' }, 1);

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '*')
      .send({ title: 'knowingly overwritten' });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"3"');
  });

  it('when If-Match is a weak ETag, answers 412 (If-Match compares strongly)', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'strong only' });

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', 'W/"1"')
      .send({ title: 'x' });

    expect(res.status).toBe(412);
  });

  it('when the note belongs to another subject, answers 404 and changes nothing', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('bob', { title: "bob's" });

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '"1"')
      .send({ title: 'hijacked' });

    expect(res.status).toBe(404);
    expect(store.get('bob', note.id)?.title).toBe("bob's");
  });

  it('when the new title is too long, answers 400 naming body.title', async () => {
    const { app, store, bearer } = await notesApp();
    const note = await store.create('alice', { title: 'ok' });

    const res = await request(app)
      .put(`/v1/notes/${note.id}`)
      .set('Authorization', await bearer())
      .set('If-Match', '"1"')
      .send({ title: 'x'.repeat(201) });

    expect(res.status).toBe(400);
    expect((res.body as ProblemBody).errors).toContainEqual(
      expect.objectContaining({ path: 'body.title' }),
    );
  });
});
