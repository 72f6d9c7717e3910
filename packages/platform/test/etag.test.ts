import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../src/index.ts';
import { logLines } from './helpers/log-lines.ts';

function etagApp() {
  const routes = Router();
  routes.get('/plain', (_req, res) => {
    res.json({ hello: 'world' });
  });
  routes.get('/versioned', (_req, res) => {
    res.set('ETag', '"7"').json({ hello: 'world', version: 7 });
  });
  const logger = createLogger({ service: 's', version: '1', destination: logLines().destination });
  return createApp({ service: 's', version: '1', routes, logger });
}

describe('ETag', () => {
  it('when a route sets no ETag, then the response carries none', async () => {
    const res = await request(etagApp()).get('/plain');

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
  });

  it('when a route sets its own ETag and the client sends it back, then the answer is 304', async () => {
    const res = await request(etagApp()).get('/versioned').set('If-None-Match', '"7"');

    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"7"');
  });
});
