import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../packages/platform/test/helpers/child-process.ts';
import { CHILD_TIMEOUT_MS, startService, stopService, type RunningService } from './service.ts';

const SHEDDING = 'overloaded: shedding load';
const CALM = 'load back to normal: shedding stopped';
const CLIENTS = 8;

const services: RunningService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map(stopService));
});

/** `CLIENTS` clients asking for CPU-bound work back to back until `stop()`. */
function cpuLoad(url: string) {
  let running = true;
  let resolveShed: (res: Response) => void = () => undefined;
  const firstShed = new Promise<Response>((resolve) => (resolveShed = resolve));
  const client = async () => {
    while (running) {
      const res = await fetch(url);
      if (res.status === 503) resolveShed(res.clone());
      await res.arrayBuffer();
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  return {
    firstShed,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

/**
 * Asks `url` until it answers 200. After each 503 it waits for the service to log that shedding
 * stopped, an event rather than a sleep; a handful of rounds is plenty.
 */
async function answerOnceCalm(service: RunningService, url: string): Promise<Response> {
  for (let round = 0; round < 5; round++) {
    const mark = service.lines.length;
    const res = await fetch(url);
    if (res.status !== 503) return res;
    await service.waitForLine(
      (line: LogLine) => line.msg === CALM && service.lines.indexOf(line) >= mark,
    );
  }
  throw new Error('still shedding after five calm samples');
}

describe('load shedding', () => {
  it(
    'when CPU-bound requests saturate the event loop, then the API sheds with 503 and Retry-After, /livez answers, and the API recovers when the load stops',
    async () => {
      // Arrange: the default bounds (500 ms event-loop delay, sampled every 500 ms).
      const service = await startService();
      services.push(service);

      // Act
      const load = cpuLoad(`${service.api}/v1/burn`);
      const shed = await load.firstShed;
      const livezStarted = performance.now();
      const livez = await fetch(`${service.admin}/livez`);
      const livezMs = performance.now() - livezStarted;
      await load.stop();

      // Assert: shed at once with a problem and a hint when to come back ...
      expect(shed.headers.get('retry-after')).toBe('5');
      expect(shed.headers.get('content-type')).toBe('application/problem+json');
      expect(await shed.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
      // Lines are written asynchronously: the warning is awaited, not read at once.
      const warning = await service.waitForLine((line) => line.msg === SHEDDING);
      expect(warning.level).toBe(40);
      // ... the admin port kept answering (a probe's usual 1 s timeout, plus margin) ...
      expect(livez.status).toBe(200);
      expect(livezMs).toBeLessThan(3000);
      // ... and the service is back by itself.
      const after = await answerOnceCalm(service, `${service.api}/v1/ping`);
      expect(after.status).toBe(200);
      const metrics = await (await fetch(`${service.admin}/metrics`)).text();
      expect(metrics).toMatch(/^http_requests_shed_total [1-9]/m);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when OVERLOAD_SHEDDING is off, then the startup line says so',
    async () => {
      const service = await startService({ OVERLOAD_SHEDDING: 'off' });
      services.push(service);

      expect(service.lines.find((line) => line.port === service.port)).toMatchObject({
        off: expect.arrayContaining(['loadShedding off']) as unknown,
      });
    },
    CHILD_TIMEOUT_MS,
  );
});
