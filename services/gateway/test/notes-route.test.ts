import { SignJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testGateway } from './helpers/gateway.ts';
import { closedPort } from './helpers/servers.ts';

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

describe('/v1/notes', () => {
  it('when the token is valid, then the request reaches notes with its token, body, request id and trace', async () => {
    const { app, notes, token } = await testGateway();
    const bearer = await token('client-a');

    const res = await request(app)
      .put('/v1/notes/n1?x=1')
      .set('authorization', `Bearer ${bearer}`)
      .set('if-match', '"1"')
      .set('x-request-id', 'req-42')
      .set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')
      .send({ title: 'hello' });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(notes.seen[0]).toMatchObject({
      method: 'PUT',
      url: '/v1/notes/n1?x=1',
      body: '{"title":"hello"}',
    });
    expect(notes.seen[0]?.headers).toMatchObject({
      authorization: `Bearer ${bearer}`,
      'if-match': '"1"',
      'x-request-id': 'req-42',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('when there is no bearer token, then 401 with a challenge and notes is not called', async () => {
    const { app, notes, logs } = await testGateway();

    const res = await request(app).get('/v1/notes');

    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(notes.seen).toHaveLength(0);
    expect(logs.find((line) => line.route === '/v1/notes')).toMatchObject({
      status: 401,
      reason: 'no_token',
    });
  });

  it('when the token is for another audience, then 401 and notes is not called', async () => {
    const { app, notes, token, logs } = await testGateway();

    const res = await request(app)
      .get('/v1/notes')
      .set('authorization', `Bearer ${await token('client-a', { aud: 'someone-else' })}`);

    expect(res.status).toBe(401);
    expect(notes.seen).toHaveLength(0);
    // The reason names the failed check, never the token.
    const line = logs.find((entry) => entry.route === '/v1/notes');
    expect(line).toMatchObject({ status: 401, reason: 'token_claim_aud' });
    expect(JSON.stringify(line)).not.toContain('someone-else');
  });

  it('when the token is forged with HS256 or alg none, then 401 and notes is not called', async () => {
    const { app, notes } = await testGateway();
    const claims = { sub: 'client-a', iss: 'bulkhead-auth', aud: 'bulkhead', scope: 'notes:read' };
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-guessed-shared-secret-of-32-bytes'));
    const none = `${base64url({ alg: 'none' })}.${base64url({ ...claims, exp: 4102444800 })}.`;

    const replies = await Promise.all(
      [hs256, none].map((forged) =>
        request(app).get('/v1/notes').set('authorization', `Bearer ${forged}`),
      ),
    );

    expect(replies.map((res) => res.status)).toEqual([401, 401]);
    expect(notes.seen).toHaveLength(0);
  });

  it('when one subject goes over the limit, then it gets 429 while another subject still passes', async () => {
    const { app, token } = await testGateway({ RATE_LIMIT_API: '1' });
    const [a, b] = [await token('client-a'), await token('client-b')];
    const get = (bearer: string) =>
      request(app).get('/v1/notes').set('authorization', `Bearer ${bearer}`);

    const first = await get(a);
    const second = await get(a);
    const other = await get(b);

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toMatch(/^\d+$/);
    expect(second.headers.ratelimit).toMatch(/^"per-subject"; r=0; t=\d+$/);
    expect(other.status).toBe(200);
  });

  it('when notes refuses connections, then 503 problem+json with Retry-After naming the request, and the circuit Retry-After once it opens', async () => {
    const { app, token } = await testGateway({
      NOTES_URL: await closedPort(),
      CIRCUIT_FAILURE_THRESHOLD: '1',
    });
    const bearer = await token('client-a');

    const down = await request(app).get('/v1/notes').set('authorization', `Bearer ${bearer}`);
    const open = await request(app).get('/v1/notes').set('authorization', `Bearer ${bearer}`);

    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('1');
    expect(down.body).toMatchObject({ status: 503, instance: down.headers['x-request-id'] });
    expect(open.status).toBe(503);
    expect(open.headers['retry-after']).toBe('10');
  });

  it('when notes is called with and without an id, then the access log names each route by one clean template', async () => {
    const { app, logs, token } = await testGateway();
    const bearer = `Bearer ${await token('client-a')}`;

    await request(app).get('/v1/notes').set('authorization', bearer);
    await request(app).get('/v1/notes/n1').set('authorization', bearer);

    const routes = logs.filter((line) => line.msg === 'request completed').map((l) => l.route);
    expect(routes).toEqual(['/v1/notes', '/v1/notes/*rest']);
  });

  it('when a client claims a forwarded address, then notes sees the real peer only', async () => {
    const { app, notes, token } = await testGateway();

    await request(app)
      .get('/v1/notes')
      .set('authorization', `Bearer ${await token('client-a')}`)
      .set('x-forwarded-for', '10.0.0.1');

    expect(notes.seen[0]?.headers['x-forwarded-for']).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('when TRUST_PROXY trusts the peer, then its forwarded chain is kept and the peer appended', async () => {
    const { app, notes, token } = await testGateway({ TRUST_PROXY: 'loopback' });

    await request(app)
      .get('/v1/notes')
      .set('authorization', `Bearer ${await token('client-a')}`)
      .set('x-forwarded-for', '203.0.113.9');

    expect(notes.seen[0]?.headers['x-forwarded-for']).toMatch(
      /^203\.0\.113\.9, (::ffff:)?127\.0\.0\.1$/,
    );
  });
});
