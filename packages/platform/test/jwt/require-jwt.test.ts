import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteJwks } from '../../src/jwt/remote-jwks.ts';
import { requireJwt } from '../../src/jwt/require-jwt.ts';
import {
  appWith,
  audience,
  issuer,
  kid,
  signEs256,
  startJwksServer,
  token,
} from './jwks-fixture.ts';

let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let app: ReturnType<typeof appWith>;
const now = () => Math.floor(Date.now() / 1000);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  jwks = await startJwksServer();
  const keys = remoteJwks({ url: jwks.url, dispatcher: jwks.dispatcher, timeoutMs: 2000 });
  app = appWith(requireJwt({ keys, issuer, audience }));
});
afterAll(() => jwks.close());

function call(bearer: string) {
  return request(app).get('/notes').set('authorization', `Bearer ${bearer}`);
}

describe('requireJwt', () => {
  it('when the token is a valid ES256 token from the issuer, then the principal is available', async () => {
    const response = await call(await signEs256(token(), jwks.privateKey));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ subject: 'demo', scopes: ['notes:read'] });
  });

  it('when there is no bearer token, then 401 with a bare Bearer challenge', async () => {
    const response = await request(app).get('/notes').set('authorization', 'Basic ZGVtbzp4');

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['has expired', token().setExpirationTime(now() - 120)],
    ['is not valid yet', token().setNotBefore(now() + 120)],
    ['is for another audience', token().setAudience('someone-else')],
    ['comes from another issuer', token().setIssuer('mallory')],
    ['has no subject', token({ sub: undefined })],
    ['has an empty subject', token({ sub: '' })],
    ['has a subject that is not a string', token({ sub: 42 })],
  ])('when the token %s, then 401 invalid_token', async (_case, jwt) => {
    const response = await call(await signEs256(jwt, jwks.privateKey));

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('when the token says alg none, then 401 invalid_token', async () => {
    const payload = { iss: issuer, aud: audience, sub: 'demo', exp: now() + 300 };
    const unsigned = `${base64url({ alg: 'none', kid })}.${base64url(payload)}.`;

    const response = await call(unsigned);

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('when the token is HS256 signed with the public key as secret, then 401', async () => {
    const forged = await token()
      .setProtectedHeader({ alg: 'HS256', kid })
      .sign(new TextEncoder().encode(jwks.publicPem));

    const response = await call(forged);

    expect(response.status).toBe(401);
  });

  it.each([
    ['RS256', () => generateKeyPair('RS256')],
    ['ES256 by another key', () => generateKeyPair('ES256')],
  ])('when the token is signed %s, then 401', async (alg, keyPair) => {
    const { privateKey } = await keyPair();
    const jwt = token().setProtectedHeader({ alg: alg.slice(0, 5), kid });

    const response = await call(await jwt.sign(privateKey));

    expect(response.status).toBe(401);
  });

  it('when the token lacks typ at+jwt (an ID token of the same issuer, say), then 401', async () => {
    const idToken = await token().setProtectedHeader({ alg: 'ES256', kid }).sign(jwks.privateKey);
    const idTyped = await token()
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(jwks.privateKey);

    expect((await call(idToken)).status).toBe(401);
    expect((await call(idTyped)).status).toBe(401);
    expect((await call(await signEs256(token(), jwks.privateKey))).status).toBe(200);
  });

  it('when iat is ahead of the clock beyond the skew, then 401; within the skew it passes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await signEs256(token().setIssuedAt(now + 120), jwks.privateKey);
    const skewed = await signEs256(token().setIssuedAt(now + 10), jwks.privateKey);

    expect((await call(future)).status).toBe(401);
    expect((await call(skewed)).status).toBe(200);
  });

  it('when the JWKS endpoint is down, then 503, not 401', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const keys = remoteJwks({ url: `https://127.0.0.1:${port}/jwks.json`, timeoutMs: 2000 });
    const unreachable = appWith(requireJwt({ keys, issuer, audience }));

    const response = await request(unreachable)
      .get('/notes')
      .set('authorization', `Bearer ${await signEs256(token(), jwks.privateKey)}`);

    expect(response.status).toBe(503);
  });
});

describe('requireJwt verification cache', () => {
  /** An app whose key lookups are counted and whose clock the test sets. */
  async function counted(cache: { max?: number } = {}) {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    // A second ahead of the tokens signed next: with no clock tolerance, an `iat` even a moment
    // ahead of the verifier's clock is refused.
    const clock = { now: Date.now() + 1000 };
    const lookups = { count: 0 };
    const keys = () => {
      lookups.count++;
      return publicKey;
    };
    const guard = requireJwt({
      keys,
      issuer,
      audience,
      clockToleranceSeconds: 0,
      cache: { ...cache, now: () => clock.now },
    });
    const cachedApp = appWith(guard);
    const get = (jwt: string) =>
      request(cachedApp).get('/notes').set('authorization', `Bearer ${jwt}`);
    return { privateKey, clock, lookups, get };
  }

  it('when the same token comes again, then it is accepted without verifying it again', async () => {
    const { privateKey, lookups, get } = await counted();
    const jwt = await signEs256(token(), privateKey);

    const first = await get(jwt);
    const second = await get(jwt);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual({ subject: 'demo', scopes: ['notes:read'] });
    expect(lookups.count).toBe(1);
  });

  it('when a cached token expires, then it is refused', async () => {
    const { privateKey, clock, get } = await counted();
    const jwt = await signEs256(token().setExpirationTime(now() + 20), privateKey);
    await get(jwt);

    clock.now += 25_000;
    const response = await get(jwt);

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ detail: 'The access token has expired' });
  });

  it('when a cached token comes back with another signature, then it is verified and refused', async () => {
    const { privateKey, lookups, get } = await counted();
    const jwt = await signEs256(token(), privateKey);
    await get(jwt);
    const mallory = await generateKeyPair('ES256');
    const [header, payload] = jwt.split('.');
    const forgedSignature = (await signEs256(token(), mallory.privateKey)).split('.')[2];

    const response = await get(`${header}.${payload}.${forgedSignature}`);

    expect(response.status).toBe(401);
    expect(lookups.count).toBe(2);
  });

  it('when more tokens come than the cache holds, then the least recently used is verified again', async () => {
    const { privateKey, lookups, get } = await counted({ max: 2 });
    const [a, b, c] = await Promise.all(
      ['a', 'b', 'c'].map((sub) => signEs256(token({ sub }), privateKey)),
    );
    for (const jwt of [a, b, c]) await get(jwt ?? '');

    await get(c ?? '');
    await get(a ?? '');

    expect(lookups.count).toBe(4);
  });
});
