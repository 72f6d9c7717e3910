import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { issuerKeys, notesApp } from './harness.ts';

describe('every /v1/notes route', () => {
  const id = '0b9a3d0e-5f7c-4c1e-9a57-3f0f4c8f2d11';
  const routes = [
    ['get', '/v1/notes'],
    ['post', '/v1/notes'],
    ['get', `/v1/notes/${id}`],
    ['put', `/v1/notes/${id}`],
    ['delete', `/v1/notes/${id}`],
  ] as const;

  it.each(routes)(
    'when %s %s has no token, answers 401 with a Bearer challenge',
    async (method, path) => {
      const { app } = await notesApp();
      const client = request(app);

      const res = await client[method](path);

      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    },
  );

  it.each(routes)(
    'when %s %s has a token from another issuer key, answers 401',
    async (method, path) => {
      const { app } = await notesApp();
      const forger = await issuerKeys();
      const client = request(app);

      const res = await client[method](path).set('Authorization', `Bearer ${await forger.token()}`);

      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    },
  );
});

describe('scopes', () => {
  it('when a read-only token creates a note, answers 403 insufficient_scope', async () => {
    const { app, store, bearer } = await notesApp();

    const res = await request(app)
      .post('/v1/notes')
      .set('Authorization', await bearer({ scope: 'notes:read' }))
      .send({ title: 'nope' });

    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toContain('insufficient_scope');
    expect(store.list('alice').items).toEqual([]);
  });

  it('when a write-only token lists notes, answers 403', async () => {
    const { app, bearer } = await notesApp();

    const res = await request(app)
      .get('/v1/notes')
      .set('Authorization', await bearer({ scope: 'notes:write' }));

    expect(res.status).toBe(403);
  });
});
