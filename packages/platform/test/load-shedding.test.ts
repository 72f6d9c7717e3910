import { EventEmitter } from 'node:events';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.ts';
import { testApp } from './helpers/test-app.ts';

/** A log destination that emits each message, so a test can await a line. */
function logEvents() {
  const events = new EventEmitter();
  const destination = {
    write: (line: string) => events.emit('line', (JSON.parse(line) as { msg: string }).msg),
  };
  const next = (msg: string) =>
    new Promise<void>((resolve) => {
      const onLine = (seen: string) => {
        if (seen !== msg) return;
        events.off('line', onLine);
        resolve();
      };
      events.on('line', onLine);
    });
  return { destination, next };
}

function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('loadShedding', () => {
  it('when the event loop stalls beyond the bound, then requests get 503 with Retry-After until it is calm again', async () => {
    // Arrange: a tight bound sampled often, and a first request to start the sampling.
    const logs = logEvents();
    const logger = createLogger({
      service: 'test',
      version: '9.9.9',
      destination: logs.destination,
    });
    const { app } = testApp({
      logger,
      loadShedding: { maxEventLoopDelayMs: 100, sampleIntervalMs: 200, retryAfterSeconds: 2 },
    });
    expect((await request(app).get('/things/1')).status).toBe(200);

    // Act: stall the loop, as CPU-bound work does.
    const shedding = logs.next('overloaded: shedding load');
    blockEventLoop(300);
    await shedding;
    const calm = logs.next('load back to normal: shedding stopped');
    const shed = await request(app).get('/things/1').set('X-Request-Id', 'req-7');
    await calm;
    const after = await request(app).get('/things/1');

    // Assert
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('2');
    expect(shed.headers['content-type']).toBe('application/problem+json');
    expect(shed.body).toMatchObject({ status: 503, instance: 'req-7' });
    expect(after.status).toBe(200);
  });
});
