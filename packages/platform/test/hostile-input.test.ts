import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/test-app.ts';

type App = ReturnType<typeof testApp>['app'];

async function expectStillServing(app: App) {
  const res = await request(app).post('/things').send({ name: 'ok' });
  expect(res.status).toBe(201);
}

/** Sends a Buffer as it is: superagent would otherwise serialize it as JSON. */
const rawBytes = (body: Buffer) => body as unknown as string;

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: 'about:blank' });
}

describe('POST /things with hostile input', () => {
  it('when the JSON is malformed, then 400 problem+json that does not echo it', async () => {
    const { app } = testApp();

    const res = await request(app).post('/things').type('json').send('{"name": "x",,, SECRET');

    expectProblem(res, 400);
    expect(res.text).not.toContain('SECRET');
    await expectStillServing(app);
  });

  it('when the body is 2 MB, then 413 problem+json', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .type('json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));

    expectProblem(res, 413);
    await expectStillServing(app);
  });

  it('when the content type is not JSON, then 415 problem+json', async () => {
    const { app } = testApp();

    const res = await request(app).post('/things').type('text/plain').send('name=x');

    expectProblem(res, 415);
    await expectStillServing(app);
  });

  it('when the JSON is UTF-16, then 415: the guards read UTF-8, so no other charset is parsed', async () => {
    const { app } = testApp();
    // In UTF-16LE the key's bytes are not the ASCII "__proto__" the guard looks for.
    const body = Buffer.from('{"__proto__":{"admin":true},"name":"x"}', 'utf16le');

    const res = await request(app)
      .post('/things')
      .set('content-type', 'application/json; charset=utf-16le')
      .serialize(rawBytes)
      .send(body);

    expectProblem(res, 415);
    expect((res.body as { detail: string }).detail).toMatch(/UTF-8/);
    await expectStillServing(app);
  });

  it('when the charset is spelt UTF-8, then it is parsed like no charset', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .set('content-type', 'application/json; charset=UTF-8')
      .send('{"name":"ü"}');

    expect(res.status).toBe(201);
  });

  it('when the body is not valid UTF-8, then 400 instead of storing U+FFFD', async () => {
    const { app } = testApp();
    const invalid = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);

    const res = await request(app).post('/things').type('json').serialize(rawBytes).send(invalid);

    expectProblem(res, 400);
    expect((res.body as { detail: string }).detail).toBe('The request body is not valid UTF-8.');
    await expectStillServing(app);
  });

  it('when the content type is a +json type, then it is parsed', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .type('application/merge-patch+json')
      .send('{"name":"patched"}');

    expect(res.status).toBe(201);
  });

  it.each([
    ['__proto__', '{"name":"x","__proto__":{"polluted":"yes"}}'],
    ['constructor.prototype', '{"name":"x","constructor":{"prototype":{"polluted":"yes"}}}'],
    ['escaped __proto__', '{"name":"x","\\u005f_proto__":{"polluted":"yes"}}'],
  ])('when the body has %s keys, then 400 and no object is polluted', async (_case, body) => {
    const { app } = testApp();

    const res = await request(app).post('/things').type('json').send(body);

    expectProblem(res, 400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await expectStillServing(app);
  });

  it('when a body merely mentions constructor or an escape, then it is accepted', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .type('json')
      .send('{"name":"constructor \\u00e9"}');

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'constructor é' });
  });

  it('when the JSON nests 10,000 deep, then 400 problem+json', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .type('json')
      .send('['.repeat(10_000) + ']'.repeat(10_000));

    expectProblem(res, 400);
    expect((res.body as { detail: string }).detail).toMatch(/nests deeper/);
    await expectStillServing(app);
  });

  it('when brackets sit inside strings, then they do not count as nesting', async () => {
    const { app } = testApp();

    const res = await request(app)
      .post('/things')
      .send({ name: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\' });

    expect(res.status).toBe(201);
  });
});
