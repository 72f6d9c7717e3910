import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/test-app.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestId', () => {
  it('when the caller sends a plain X-Request-Id, then the response and log line carry it', async () => {
    const { app, logs } = testApp();

    const res = await request(app).get('/things/1').set('X-Request-Id', 'abc.DEF_1-2');

    expect(res.headers['x-request-id']).toBe('abc.DEF_1-2');
    expect(logs.parsed().at(-1)).toMatchObject({ reqId: 'abc.DEF_1-2' });
  });

  it('when no X-Request-Id is sent, then a fresh UUID is made', async () => {
    const { app } = testApp();

    const res = await request(app).get('/things/1');

    expect(res.headers['x-request-id']).toMatch(uuid);
  });

  it.each([
    ['with forbidden characters', 'abc<script>'],
    ['of 10 kB', 'a'.repeat(10_240)],
  ])('when the X-Request-Id is %s, then it is replaced by a UUID', async (_case, incoming) => {
    const { app, logs } = testApp();

    const res = await request(app).get('/things/1').set('X-Request-Id', incoming);

    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(uuid);
    expect(logs.raw.join('')).not.toContain(incoming);
  });

  it('when a handler logs through req.log, then the line carries the request id', async () => {
    const { app, logs } = testApp();

    const res = await request(app).get('/boom').set('X-Request-Id', 'trace-me');

    expect(res.status).toBe(500);
    const errorLine = logs.parsed().find((line) => line.msg === 'unhandled error');
    expect(errorLine).toMatchObject({ reqId: 'trace-me' });
  });
});
