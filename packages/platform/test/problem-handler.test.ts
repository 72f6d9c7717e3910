import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/test-app.ts';

describe('problemHandler', () => {
  it('when a handler throws HttpError, then RFC 9457 problem+json with the request id as instance', async () => {
    const { app } = testApp();

    const res = await request(app).get('/teapot').set('X-Request-Id', 'req-9');

    expect(res.status).toBe(418);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: "I'm a Teapot",
      status: 418,
      detail: 'I am a teapot.',
      instance: 'req-9',
    });
  });

  it('when a handler throws an unknown error, then 500 with a generic detail, logged once with stack and id', async () => {
    const { app, logs } = testApp();

    const res = await request(app).get('/boom').set('X-Request-Id', 'req-500');

    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, instance: 'req-500' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('at ');
    const errorLines = logs.parsed().filter((line) => line.err !== undefined);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ reqId: 'req-500', msg: 'unhandled error' });
    expect((errorLines[0]?.err as { stack: string }).stack).toContain('test-app.ts');
  });

  it('when no route matches the path, then 404 problem+json', async () => {
    const { app } = testApp();

    const res = await request(app).get('/nothing/here');

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('when the path exists with other methods, then 405 with Allow', async () => {
    const { app } = testApp();

    const res = await request(app).delete('/things/1');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, PUT');
    expect(res.body).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });
});
