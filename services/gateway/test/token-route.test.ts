import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testGateway } from './helpers/gateway.ts';

describe('POST /v1/token', () => {
  it('when a client posts its credentials as a form, then auth gets the body and headers verbatim', async () => {
    const { app, auth } = await testGateway();

    const res = await request(app)
      .post('/v1/token')
      .auth('demo', 's3cret')
      .type('form')
      .send({ grant_type: 'client_credentials', scope: 'notes:read' });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ upstream: 'auth' });
    expect(auth.seen[0]).toMatchObject({
      method: 'POST',
      url: '/v1/token',
      body: 'grant_type=client_credentials&scope=notes%3Aread',
    });
    expect(auth.seen[0]?.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('demo:s3cret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      'x-request-id': res.headers['x-request-id'],
    });
  });

  it('when one client address goes over the limit, then 429 problem+json with RateLimit and Retry-After', async () => {
    const { app, auth, logs } = await testGateway({ RATE_LIMIT_TOKEN: '2' });
    const post = () =>
      request(app).post('/v1/token').type('form').send('grant_type=client_credentials');

    const allowed = [await post(), await post()];
    const refused = await post();

    expect(allowed.map((res) => res.status)).toEqual([200, 200]);
    expect(allowed[0]?.headers.ratelimit).toMatch(/^"per-ip"; r=1; t=\d+$/);
    expect(refused.status).toBe(429);
    // RFC 6749 §5.2 JSON, as auth answers its own errors: OAuth clients parse only that.
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.body).toMatchObject({ error: 'temporarily_unavailable' });
    expect(refused.headers['ratelimit-policy']).toMatch(/^"per-ip"; q=2; w=60;/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(auth.seen).toHaveLength(2);
    // The access line says why, so a flood shows in the log without a line of its own.
    const lines = logs.filter((line) => line.route === '/v1/token');
    expect(lines.map((line) => [line.status, line.reason])).toEqual([
      [200, undefined],
      [200, undefined],
      [429, 'rate_limited_per-ip'],
    ]);
  });

  it('when the body is over BODY_LIMIT, then 413 and auth is not called', async () => {
    const { app, auth } = await testGateway({ BODY_LIMIT: '16b' });

    const res = await request(app)
      .post('/v1/token')
      .type('form')
      .send('grant_type=client_credentials&scope=notes%3Aread');

    expect(res.status).toBe(413);
    expect(auth.seen).toHaveLength(0);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('when flooded, then the gateway answers from its own copy of the keys, cacheable, and fetches them once', async () => {
    const { app, auth, issuer } = await testGateway();

    const answers = await Promise.all(
      Array.from({ length: 200 }, () => request(app).get('/.well-known/jwks.json')),
    );

    expect(answers.every((res) => res.status === 200)).toBe(true);
    expect(answers[0]?.body).toMatchObject({ keys: [{ kid: 'test-key', alg: 'ES256' }] });
    expect(answers[0]?.headers['cache-control']).toBe('public, max-age=300');
    expect(issuer.jwksFetches).toBe(1);
    expect(auth.seen).toHaveLength(0);
  });

  it('when the keys cannot be had, then 503 problem+json with Retry-After', async () => {
    const { app } = await testGateway({ JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' });

    const res = await request(app).get('/.well-known/jwks.json');

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
