import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Router } from 'express';
import request from 'supertest';
import { Agent, fetch } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp, createLogger, HttpError, serve } from '../src/index.ts';
import { summarizedWarnings } from '../src/logger/summarized-warnings.ts';
import { localhostTlsFiles } from './helpers/tls-files.ts';
import { logLines } from './helpers/log-lines.ts';

function capture() {
  const logs = logLines();
  return {
    logs,
    logger: createLogger({ service: 's', version: '1', destination: logs.destination }),
  };
}

describe('summarizedWarnings', () => {
  it('when one kind of warning comes 100 times in a window, then one line now and one saying how many more', () => {
    const { logs, logger } = capture();
    const clock = { now: 0 };
    const warnings = summarizedWarnings({ logger, everyMs: 10_000, now: () => clock.now });

    for (let i = 0; i < 100; i++) warnings.warn('503', { status: 503 }, 'at capacity');
    warnings.warn('504', { status: 504 }, 'upstream timed out');
    clock.now = 10_000;
    warnings.warn('503', { status: 503 }, 'at capacity');

    expect(logs.parsed().map(({ msg, repeated }) => [msg, repeated])).toEqual([
      ['at capacity', undefined],
      ['upstream timed out', undefined],
      ['at capacity (repeated)', 99],
      ['at capacity', undefined],
    ]);
  });
});

describe('expected failures and failed handshakes', () => {
  it('when a route answers 503 on purpose 50 times, then one warn line without a stack; an unknown error keeps its stack', async () => {
    const { logs, logger } = capture();
    const routes = Router();
    routes.get('/full', () => {
      throw new HttpError(503, 'At capacity.', { headers: { 'Retry-After': '1' } });
    });
    routes.get('/bug', () => {
      throw new Error('a real bug');
    });
    const app = createApp({ service: 's', version: '1', routes, logger });

    for (let i = 0; i < 50; i++) await request(app).get('/full').expect(503);
    await request(app).get('/bug').expect(500);

    const problems = logs
      .parsed()
      .filter(({ msg }) => msg === 'At capacity.' || msg === 'unhandled error');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ level: 40, status: 503 });
    expect(problems[0]).not.toHaveProperty('err');
    expect(problems[1]).toMatchObject({ level: 50, err: { message: 'a real bug' } });
  });

  it('when 30 clients fail the TLS handshake, then the metric counts 30 and the log holds one line', async () => {
    const { logs, logger } = capture();
    const app = createApp({ service: 's', version: '1', routes: Router(), logger });
    const tls = await localhostTlsFiles();
    const handle = await serve(app, {
      port: 0,
      adminPort: 0,
      host: '127.0.0.1',
      tls,
      handleProcess: false,
      shutdownDelayMs: 0,
    });
    onTestFinished(() => handle.close());

    for (let i = 0; i < 30; i++) {
      // Plain text on a TLS port: the handshake fails at once.
      const socket = connect(handle.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.end('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await once(socket, 'close');
    }
    const dispatcher = new Agent({ connect: { ca: readFileSync(tls.caFile) } });
    onTestFinished(() => dispatcher.close());
    const scraped = await (
      await fetch(`https://localhost:${handle.adminPort}/metrics`, { dispatcher })
    ).text();
    const counted = scraped
      .split('\n')
      .filter((line) => line.startsWith('tls_handshake_failures_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

    expect(counted).toBe(30);
    const failed = logs.parsed().filter(({ msg }) => msg === 'TLS handshake failed');
    expect(failed).toHaveLength(1);
  });
});
