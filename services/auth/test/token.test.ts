import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
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

const { demo, reader } = testClients;
const tokenRequest = () => request(auth.app).post('/v1/token').type('form');

async function verify(token: string) {
  const jwks = (await request(auth.app).get('/.well-known/jwks.json')).body as JSONWebKeySet;
  return jwtVerify(token, createLocalJWKSet(jwks), {
    algorithms: ['ES256'],
    issuer: 'bulkhead-auth',
    audience: 'bulkhead',
  });
}

describe('POST /v1/token', () => {
  it('when a client authenticates with Basic, then answers a Bearer token for all its scopes', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.any(String) as string,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'notes:read notes:write',
    });
    const { payload, protectedHeader } = await verify(
      (response.body as { access_token: string }).access_token,
    );
    expect(protectedHeader.kid).toBe('20250601T120000Z');
    expect(payload).toMatchObject({ sub: 'demo', scope: 'notes:read notes:write' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
  });

  it('when the secret needs percent-encoding in Basic, then it is decoded per RFC 6749 §2.3.1', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('reader', reader.secret))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ scope: 'notes:read' });
  });

  it('when the client authenticates with form fields, then answers a token', async () => {
    const response = await tokenRequest().send({
      grant_type: 'client_credentials',
      client_id: 'reader',
      client_secret: reader.secret,
    });

    expect(response.status).toBe(200);
    expect(
      (await verify((response.body as { access_token: string }).access_token)).payload.sub,
    ).toBe('reader');
  });

  it('when a subset of scopes is asked for, then the token carries only those', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials', scope: 'notes:read' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ scope: 'notes:read' });
    expect(
      (await verify((response.body as { access_token: string }).access_token)).payload.scope,
    ).toBe('notes:read');
  });

  it('when a scope the client lacks is asked for, then answers 400 invalid_scope', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('reader', reader.secret))
      .send({ grant_type: 'client_credentials', scope: 'notes:read notes:write' });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_scope',
      error_description: 'not granted to this client: notes:write',
    });
  });

  it('when the secret is wrong, then answers 401 invalid_client with a Basic challenge', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', 'wrong-secret'))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="bulkhead"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description: 'client authentication failed',
    });
  });

  it('when the client is unknown, then answers exactly as for a wrong secret', async () => {
    const unknown = await tokenRequest()
      .set('Authorization', basic('nobody', demo.secret))
      .send({ grant_type: 'client_credentials' });
    const wrong = await tokenRequest()
      .set('Authorization', basic('demo', 'wrong-secret'))
      .send({ grant_type: 'client_credentials' });

    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('when no client credentials are sent, then answers 401 invalid_client', async () => {
    const response = await tokenRequest().send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client' });
  });

  it.each([
    ['not base64', 'Basic ***'],
    ['without a colon', `Basic ${Buffer.from('demo').toString('base64')}`],
    ['badly percent-encoded', `Basic ${Buffer.from('demo:%zz').toString('base64')}`],
  ])(
    'when the Basic credentials are %s, then answers 401 invalid_client',
    async (_case, header) => {
      const response = await tokenRequest()
        .set('Authorization', header)
        .send({ grant_type: 'client_credentials' });

      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'invalid_client' });
    },
  );

  it.each([
    [
      'credentials in Basic and in the form',
      basic('demo', demo.secret),
      { grant_type: 'client_credentials', client_id: 'demo', client_secret: demo.secret },
    ],
    ['no grant_type', basic('demo', demo.secret), {}],
    [
      'a client_secret without client_id',
      '',
      { grant_type: 'client_credentials', client_secret: demo.secret },
    ],
  ])('when there is %s, then answers 400 invalid_request', async (_case, authorization, form) => {
    const response = await tokenRequest().set('Authorization', authorization).send(form);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
  });

  it('when a parameter is repeated, then answers 400 invalid_request naming it', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send('grant_type=client_credentials&scope=notes:read&scope=notes:write');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'scope must appear once',
    });
  });

  it('when the body is JSON, then answers 400 invalid_request asking for a form', async () => {
    const response = await request(auth.app)
      .post('/v1/token')
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
  });

  it('when the grant type is not client_credentials, then answers 400 unsupported_grant_type', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'password', username: 'demo', password: 'x' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('when a source failed 5 times for a client, then that source is slowed (429 with Retry-After), even with the right secret', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await tokenRequest()
        .set('Authorization', basic('demo', `guess-${attempt}`))
        .send({ grant_type: 'client_credentials' })
        .expect(401);
    }

    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
    // RFC 6749 §5.2 JSON, which OAuth client libraries parse, not problem+json.
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('when an attacker elsewhere fails for a client id again and again, then the client, from its own address, still gets its token', async () => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await tokenRequest()
        .set('X-Forwarded-For', '198.51.100.66')
        .set('Authorization', basic('demo', `guess-${attempt}`))
        .send({ grant_type: 'client_credentials' });
    }

    const attacker = await tokenRequest()
      .set('X-Forwarded-For', '198.51.100.66')
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials' });
    const client = await tokenRequest()
      .set('X-Forwarded-For', '203.0.113.5')
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials' });

    expect(attacker.status).toBe(429);
    expect(client.status).toBe(200);
  });

  it('when one client is limited, then another still gets its token', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await tokenRequest()
        .set('Authorization', basic('demo', `guess-${attempt}`))
        .send({ grant_type: 'client_credentials' });
    }

    const response = await tokenRequest()
      .set('Authorization', basic('reader', reader.secret))
      .send({ grant_type: 'client_credentials' });

    expect(response.status).toBe(200);
  });

  it('when the body is over 10 kB, then answers 413 problem+json', async () => {
    const response = await tokenRequest()
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials', scope: 'x'.repeat(11_000) });

    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('when BODY_LIMIT allows 20 kB, then an 11 kB form is read and judged on its content', async () => {
    const roomier = await authApp({ BODY_LIMIT: '20kb' });
    const response = await request(roomier.app)
      .post('/v1/token')
      .type('form')
      .set('Authorization', basic('demo', demo.secret))
      .send({ grant_type: 'client_credentials', scope: 'x'.repeat(11_000) });
    await roomier.close();

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_scope' });
  });
});
