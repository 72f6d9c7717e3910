import { afterEach, describe, expect, it } from 'vitest';
import { CHILD_TIMEOUT_MS, startService, stopService, type RunningService } from './service.ts';

const services: RunningService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map(stopService));
});

async function start(env: Record<string, string> = {}) {
  const service = await startService(env);
  services.push(service);
  return service;
}

describe('crashes', () => {
  it(
    'when a handler throws or its promise rejects, then that request gets a 500 problem and the service keeps serving',
    async () => {
      const service = await start();

      const thrown = await fetch(`${service.api}/v1/throw`);
      const rejected = await fetch(`${service.api}/v1/reject`);
      const next = await fetch(`${service.api}/v1/ping`);

      for (const res of [thrown, rejected]) {
        expect(res.status).toBe(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const text = await res.text();
        expect(text).not.toContain('a bug');
        expect(JSON.parse(text)).toMatchObject({ detail: 'Something went wrong on our side.' });
      }
      expect(next.status).toBe(200);
      expect(service.child.exitCode).toBeNull();
      // Lines are written asynchronously: wait for the second one rather than read at once.
      await service.waitForLine(
        (line) =>
          (line.err as { message?: string } | undefined)?.message === 'a bug in an async handler',
      );
      const errors = service.lines.filter((line) => line.msg === 'unhandled error');
      expect(errors.map((line) => (line.err as { message: string }).message)).toEqual([
        'a bug in a handler',
        'a bug in an async handler',
      ]);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when an exception escapes outside any request, then the process logs it as fatal, exits non-zero, and a restart serves again',
    async () => {
      const first = await start();

      const accepted = await fetch(`${first.api}/v1/crash-soon`, { method: 'POST' });
      const code = await first.exited;

      expect(accepted.status).toBe(202);
      expect(code).not.toBe(0);
      expect(first.lines.at(-1)).toMatchObject({
        level: 60,
        msg: 'uncaught exception',
        err: { message: 'a bug outside any request' },
      });

      // What the orchestrator does next: start it again, on the same port.
      const restarted = await start({ PORT: String(first.port) });
      const res = await fetch(`${restarted.api}/v1/ping`);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ pong: true });
    },
    CHILD_TIMEOUT_MS,
  );
});
