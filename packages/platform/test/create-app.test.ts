import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../src/index.ts';
import { logLines } from './helpers/log-lines.ts';

function ipApp(trustProxy?: false | number | string[]) {
  const routes = Router();
  routes.get('/ip', (req, res) => {
    res.json({ ip: req.ip });
  });
  const logger = createLogger({ service: 's', version: '1', destination: logLines().destination });
  return createApp({
    service: 's',
    version: '1',
    routes,
    logger,
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
}

describe('createApp', () => {
  it('when trustProxy is not given, then X-Forwarded-For is ignored', async () => {
    const res = await request(ipApp()).get('/ip').set('X-Forwarded-For', '203.0.113.7');

    expect((res.body as { ip: string }).ip).not.toBe('203.0.113.7');
  });

  it('when trustProxy is a hop count, then the client address comes from X-Forwarded-For', async () => {
    const res = await request(ipApp(1)).get('/ip').set('X-Forwarded-For', '203.0.113.7');

    expect((res.body as { ip: string }).ip).toBe('203.0.113.7');
  });

  it('when the request id step is off, then no X-Request-Id is set', async () => {
    const routes = Router();
    routes.get('/', (_req, res) => res.end());
    const logger = createLogger({
      service: 's',
      version: '1',
      destination: logLines().destination,
    });
    const app = createApp({ service: 's', version: '1', routes, logger, requestId: false });

    const res = await request(app).get('/');

    expect(res.headers['x-request-id']).toBeUndefined();
  });

  it('when the JSON body step is off, then bodies are left unread', async () => {
    const routes = Router();
    routes.post('/', (req, res) => res.json({ body: (req.body as unknown) ?? null }));
    const logger = createLogger({
      service: 's',
      version: '1',
      destination: logLines().destination,
    });
    const app = createApp({ service: 's', version: '1', routes, logger, jsonBody: false });

    const res = await request(app).post('/').type('text/plain').send('hello');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ body: null });
  });
});
