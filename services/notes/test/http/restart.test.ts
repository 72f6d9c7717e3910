import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/store/note-store.ts';
import { notesApp } from './harness.ts';

describe('the notes database file', () => {
  it('when the app restarts on the same file, then a note created before is still served', async () => {
    const before = await notesApp();
    const created = await request(before.app)
      .post('/v1/notes')
      .set('Authorization', await before.bearer())
      .send({ title: 'durable', tags: ['keep'] });
    before.store.close();

    const after = await notesApp({ path: before.path });
    const res = await request(after.app)
      .get(`/v1/notes/${(created.body as Note).id}`)
      .set('Authorization', await after.bearer());

    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });
});
