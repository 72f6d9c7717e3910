import { Router } from 'express';
import request from 'supertest';
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp, createLogger, serve } from '../src/index.ts';
import { logLines } from './helpers/log-lines.ts';
import { testApp } from './helpers/test-app.ts';

describe('accessLog', () => {
  it('when a request finishes, then one line names method, route template, status, duration, id, service and version', async () => {
    const { app, logs } = testApp();

    await request(app).get('/things/42?token=abc').set('X-Request-Id', 'req-1');

    const lines = logs.parsed().filter((line) => line.msg === 'request completed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      route: '/things/:id',
      path: '/things/42',
      status: 200,
      reqId: 'req-1',
      service: 'test',
      version: '9.9.9',
    });
    expect(lines[0]?.durationMs).toEqual(expect.any(Number));
    expect(lines[0]).not.toHaveProperty('headers');
  });

  it('when the client goes away before the answer, then the line and the metrics say 499, not 200', async () => {
    // Arrange: a handler that answers only once told to, on a real server.
    const logs = logLines();
    const logger = createLogger({ service: 's', version: '1', destination: logs.destination });
    const routes = Router();
    const answered = Promise.withResolvers<undefined>();
    routes.get('/slow', (req, res) => {
      req.once('close', () => {
        res.json({ late: true });
        answered.resolve(undefined);
      });
    });
    routes.get('/fast', (_req, res) => {
      res.json({ ok: true });
    });
    const app = createApp({ service: 's', version: '1', routes, logger });
    const handle = await serve(app, {
      port: 0,
      adminPort: 0,
      host: '127.0.0.1',
      handleProcess: false,
      shutdownDelayMs: 0,
    });
    onTestFinished(() => handle.close());

    // Act: the client sends its request and hangs up; then a request that completes.
    const socket = connect(handle.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.end('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.destroy();
    await answered.promise;
    await fetch(`http://127.0.0.1:${handle.port}/fast`).then((res) => res.arrayBuffer());
    const scraped = await (await fetch(`http://127.0.0.1:${handle.adminPort}/metrics`)).text();

    // Assert
    const lines = logs.parsed();
    expect(lines.find((line) => line.route === '/slow')).toMatchObject({ status: 499 });
    expect(lines.find((line) => line.route === '/fast')).toMatchObject({ status: 200 });
    expect(scraped).toContain(
      'http_request_duration_seconds_count{method="GET",route="/slow",status_code="499"} 1',
    );
  });

  it('when no route matches, then the route is logged as unmatched', async () => {
    const { app, logs } = testApp();

    await request(app).get('/nowhere/123');

    expect(logs.parsed().at(-1)).toMatchObject({ route: 'unmatched', status: 404 });
  });

  it('when the answer is a 5xx, then the line is at error level and says the request failed', async () => {
    const { app, logs } = testApp();

    await request(app).get('/boom');

    const line = logs.parsed().find((entry) => entry.route === '/boom');
    expect(line).toMatchObject({ level: 50, msg: 'request failed', status: 500 });
  });

  it('when requests and handlers carry secrets, then no log line contains one', async () => {
    // Arrange: a handler that logs what a careless developer would log.
    const logs = logLines();
    const logger = createLogger({ service: 's', version: '1', destination: logs.destination });
    const routes = Router();
    routes.post('/login', (req, res) => {
      const { headers } = req;
      req.log.info({ headers, body: req.body as unknown, user: { accessToken: 'tok-4' } }, 'login');
      res.setHeader('Set-Cookie', 'session=cookie-5');
      res.json({ ok: true });
    });
    const app = createApp({ service: 's', version: '1', routes, logger });

    // Act
    await request(app)
      .post('/login')
      .set('Authorization', 'Bearer secret-1')
      .set('Cookie', 'session=secret-2')
      .set('X-Api-Key', 'secret-3')
      .send({ username: 'ada', password: 'secret-6', nested: { client_secret: 'secret-7' } });

    // Assert
    const text = logs.raw.join('');
    expect(text).toContain('ada');
    expect(text).toContain('[Redacted]');
    for (const secret of [
      'secret-1',
      'secret-2',
      'secret-3',
      'tok-4',
      'cookie-5',
      'secret-6',
      'secret-7',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
