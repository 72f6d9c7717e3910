import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { notesApp } from './harness.ts';

describe('POST /v1/notes on a full disk', () => {
  it('when the database cannot grow, answers 503 problem+json with Retry-After and keeps serving reads', async () => {
    const { app, db, store, bearer } = await notesApp();
    const kept = await store.create('alice', { title: 'written before' });
    // SQLite reports SQLITE_FULL once the file would pass max_page_count, as on a full filesystem.
    db.exec('PRAGMA max_page_count = 1');
    const auth = await bearer();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', auth)
      .send({ title: 'big', body: 'x'.repeat(20_000) });
    const read = await request(app).get(`/v1/notes/${kept.id}`).set('Authorization', auth);

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|disk is full/i);
    expect(read.status).toBe(200);
  });
});
