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
