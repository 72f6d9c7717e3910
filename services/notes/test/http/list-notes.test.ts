import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { NotePage } from '../../src/store/note-store.ts';
import { notesApp, type ProblemBody } from './harness.ts';

describe('GET /v1/notes', () => {
  it('when following nextCursor, walks every one of the caller’s notes once, newest first', async () => {
    let clock = Date.now();
    const { app, store, bearer } = await notesApp({ now: () => ++clock });
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await store.create('alice', { title: `n${i}` }));
    await store.create('bob', { title: 'not yours' });
    const auth = await bearer();

    const seen: string[] = [];
    let query: Record<string, string> = { limit: '2' };
    for (;;) {
      const res = await request(app).get('/v1/notes').query(query).set('Authorization', auth);
      expect(res.status).toBe(200);
      const page = res.body as NotePage;
      seen.push(...page.items.map((note) => note.id));
      if (page.nextCursor === null) break;
      query = { limit: '2', cursor: page.nextCursor };
    }

    expect(seen).toEqual(created.reverse().map((note) => note.id));
  });

  it('when no limit is given, answers at most 20 notes', async () => {
    const { app, store, bearer } = await notesApp();
    for (let i = 0; i < 21; i++) await store.create('alice', { title: `n${i}` });

    const res = await request(app)
      .get('/v1/notes')
      .set('Authorization', await bearer());

    expect((res.body as NotePage).items).toHaveLength(20);
    expect((res.body as NotePage).nextCursor).toEqual(expect.any(String));
  });

  it.each(['0', '101', 'ten', '1.5'])(
    'when limit is %s, answers 400 naming query.limit',
    async (limit) => {
      const { app, bearer } = await notesApp();

      const res = await request(app)
        .get('/v1/notes')
        .query({ limit })
        .set('Authorization', await bearer());

      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).errors).toContainEqual(
        expect.objectContaining({ path: 'query.limit' }),
      );
    },
  );

  it('when the cursor has been tampered with, answers 400 naming query.cursor', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .get('/v1/notes')
      .query({ cursor: 'eyJ0YW1wZXJlZCI6dHJ1ZX0' })
      .set('Authorization', await bearer());

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as ProblemBody).errors).toContainEqual(
      expect.objectContaining({ path: 'query.cursor' }),
    );
  });
});
