import { Agent, get, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHILD_TIMEOUT_MS, isStartupLine, runChild } from './helpers/child-process.ts';

const fixture = fileURLToPath(new URL('./fixtures/slow-server.ts', import.meta.url));
const env = { PORT: '0', ADMIN_PORT: '0', HOST: '127.0.0.1' };

async function body(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
}

describe('serve shutdown', () => {
  it(
    'when SIGTERM arrives, then readiness fails first, liveness stays, in-flight work completes, hooks run, exit 0',
    async () => {
      // Arrange: a child server with a request in flight on a kept-alive connection.
      const running = runChild(fixture, { ...env, SHUTDOWN_DELAY_MS: '2000' });
      const startup = await running.waitForLine(isStartupLine);
      const api = `http://127.0.0.1:${startup.port as number}`;
      const admin = `http://127.0.0.1:${startup.adminPort as number}`;
      const agent = new Agent({ keepAlive: true });
      const slow = get(`${api}/slow`, { agent });
      const slowResponse = once(slow, 'response') as Promise<[IncomingMessage]>;
      await once(running.child, 'message');

      // Act
      running.child.kill('SIGTERM');

      // Assert: during the delay, not ready but alive, and the listener still accepts.
      await running.waitForLine((line) => line.msg === 'shutdown started: readiness off');
      expect((await fetch(`${admin}/readyz`)).status).toBe(503);
      expect((await fetch(`${admin}/livez`)).status).toBe(200);
      expect((await fetch(`${api}/ping`)).status).toBe(200);
      // Draining: the listener closed, liveness still green, then the in-flight request is let go.
      await running.waitForLine((line) => line.msg === 'stopped accepting; draining');
      expect((await fetch(`${admin}/livez`)).status).toBe(200);
      await expect(fetch(`${api}/ping`)).rejects.toThrow();
      running.child.send('release');
      const [res] = await slowResponse;
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('close');
      expect(JSON.parse(await body(res))).toEqual({ done: true });
      expect(await running.exited).toBe(0);
      expect(running.lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['cleanup hook ran', 'shutdown complete']),
      );
      agent.destroy();
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when a second signal arrives during the drain, then the process exits 1 at once',
    async () => {
      const running = runChild(fixture, { ...env, SHUTDOWN_DELAY_MS: '60000' });
      await running.waitForLine(isStartupLine);

      running.child.kill('SIGTERM');
      await running.waitForLine((line) => line.msg === 'shutdown started: readiness off');
      running.child.kill('SIGINT');

      expect(await running.exited).toBe(1);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when in-flight work outlasts SHUTDOWN_TIMEOUT_MS, then it logs and exits 1',
    async () => {
      const running = runChild(fixture, {
        ...env,
        SHUTDOWN_DELAY_MS: '0',
        SHUTDOWN_TIMEOUT_MS: '200',
      });
      const startup = await running.waitForLine(isStartupLine);
      get(`http://127.0.0.1:${startup.port as number}/slow`).on('error', () => undefined);
      await once(running.child, 'message');

      running.child.kill('SIGTERM');

      expect(await running.exited).toBe(1);
      expect(running.lines.some((line) => String(line.msg).startsWith('shutdown timed out'))).toBe(
        true,
      );
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when a promise rejection goes unhandled, then a fatal line is logged and the process exits 1',
    async () => {
      const running = runChild(fixture, env);
      const startup = await running.waitForLine(isStartupLine);

      await fetch(`http://127.0.0.1:${startup.port as number}/crash`).catch(() => undefined);

      expect(await running.exited).toBe(1);
      expect(running.lines.at(-1)).toMatchObject({
        level: 60,
        msg: 'unhandled rejection',
        err: { message: 'nobody awaited this' },
      });
    },
    CHILD_TIMEOUT_MS,
  );
});
