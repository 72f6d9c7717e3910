import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/store/note-store.ts';
import { notesApp, type ProblemBody } from './harness.ts';

describe('POST /v1/notes', () => {
  it('when the note is valid, answers 201 with the note, its Location and its ETag', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send({ title: 'Groceries', body: 'oat milk', tags: ['home', 'weekly'] });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Groceries',
      body: 'oat milk',
      tags: ['home', 'weekly'],
    });
    expect(res.headers.location).toBe(`/v1/notes/${(res.body as Note).id}`);
    expect(res.headers.etag).toBe('"1"');
  });

  it.each([
    ['the title is empty', { title: '' }, 'body.title'],
    ['the title has 201 characters', { title: 'x'.repeat(201) }, 'body.title'],
    ['the body has 20,001 characters', { title: 't', body: 'x'.repeat(20_001) }, 'body.body'],
    [
      'there are 11 tags',
      { title: 't', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      'body.tags',
    ],
    ['a tag has a space', { title: 't', tags: ['two words'] }, 'body.tags.0'],
    ['the title is missing', { body: 'no title' }, 'body.title'],
    ['the title starts with a NUL', { title: '\u0000hidden' }, 'body.title'],
    ['the title holds an escape character', { title: 'red\u001b[31m' }, 'body.title'],
    ['the body holds a NUL', { title: 't', body: 'a\u0000b' }, 'body.body'],
  ])('when %s, answers 400 problem+json naming the field', async (_, note, path) => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send(note);

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as ProblemBody).errors).toContainEqual(expect.objectContaining({ path }));
  });

  it('when the body has tabs and line breaks, then they are kept (they are not control characters to refuse)', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send({ title: 'lines', body: 'one\ttab\r\ntwo' });

    expect(res.status).toBe(201);
    expect((res.body as Note).body).toBe('one\ttab\r\ntwo');
  });

  it('when the database refuses the note by a rule of its own, then 400 problem+json, never 500', async () => {
    const { app, bearer, db } = await notesApp();
    // A rule the API does not repeat, as an operator or a later migration might add one.
    db.exec(`CREATE TRIGGER no_drafts BEFORE INSERT ON notes WHEN NEW.title = 'draft'
      BEGIN SELECT RAISE(ABORT, 'drafts are not stored'); END`);

    const refused = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send({ title: 'draft' });
    const stored = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send({ title: 'final' });

    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((refused.body as ProblemBody).detail).toBe('The note breaks a rule of the note store.');
    expect(refused.text).not.toContain('drafts are not stored');
    expect(stored.status).toBe(201);
  });

  it('when the body has a field the API does not know, answers 400', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer())
      .send({ title: 't', owner: 'mallory' });

    expect(res.status).toBe(400);
    expect(JSON.stringify((res.body as ProblemBody).errors)).toContain('owner');
  });
});
