import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authApp, basic, testClients } from './helpers/auth-app.ts';

let auth: Awaited<ReturnType<typeof authApp>>;
beforeEach(async () => {
  auth = await authApp();
});
afterEach(async () => {
  await auth.close();
});

const kids = async () => {
  const response = await request(auth.app).get('/.well-known/jwks.json');
  return (response.body as { keys: { kid: string }[] }).keys.map(({ kid }) => kid);
};

async function tokenKid() {
  const response = await request(auth.app)
    .post('/v1/token')
    .type('form')
    .set('Authorization', basic('demo', testClients.demo.secret))
    .send({ grant_type: 'client_credentials' });
  return decodeProtectedHeader((response.body as { access_token: string }).access_token).kid;
}

describe('GET /.well-known/jwks.json', () => {
  it('when asked, then publishes public ES256 keys, cacheable for 5 minutes', async () => {
    const response = await request(auth.app).get('/.well-known/jwks.json');

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.body).toEqual({
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: expect.any(String) as string,
          y: expect.any(String) as string,
          kid: '20250601T120000Z',
          alg: 'ES256',
          use: 'sig',
        },
      ],
    });
  });

  it('when a key file is added, then it is published at once and signs new tokens only after the activation delay', async () => {
    const reloaded = auth.keysReloaded(({ jwks }) => jwks.keys.length === 2);

    await auth.addKey('20250701T120000Z');
    await reloaded;
    const published = await kids();
    const kidBefore = await tokenKid();
    auth.advance(120_000);
    const kidAfter = await tokenKid();

    expect(published).toEqual(['20250601T120000Z', '20250701T120000Z']);
    expect(kidBefore).toBe('20250601T120000Z');
    expect(kidAfter).toBe('20250701T120000Z');
  });

  it('when the signing key file is removed, then it is no longer published nor signs, without a restart', async () => {
    const added = auth.keysReloaded(({ jwks }) => jwks.keys.length === 2);
    await auth.addKey('20250701T120000Z');
    await added;
    auth.advance(120_000);
    const removed = auth.keysReloaded(({ jwks }) => jwks.keys.length === 1);

    await auth.removeKey('20250701T120000Z');
    await removed;

    expect(await kids()).toEqual(['20250601T120000Z']);
    expect(await tokenKid()).toBe('20250601T120000Z');
  });
});
