import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHILD_TIMEOUT_MS, isStartupLine, runChild } from './helpers/child-process.ts';

const main = fileURLToPath(new URL('../example/main.ts', import.meta.url));

describe('example service (example/main.ts)', () => {
  it(
    'when started with plain settings, then it greets and validates through the platform',
    async () => {
      const running = runChild(main, {
        PORT: '0',
        ADMIN_PORT: '0',
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '0',
        GREETING: 'Hi',
      });
      const startup = await running.waitForLine(isStartupLine);
      const api = `http://127.0.0.1:${startup.port as number}`;

      const greeting = await fetch(`${api}/v1/greetings/Ada`);
      const invalid = await fetch(`${api}/v1/greetings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: '' }),
      });
      const ready = await fetch(`http://127.0.0.1:${startup.adminPort as number}/readyz`);
      running.child.kill('SIGTERM');

      expect(await greeting.json()).toEqual({ message: 'Hi, Ada!' });
      expect(invalid.status).toBe(400);
      expect(ready.status).toBe(200);
      expect(await running.exited).toBe(0);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when the config is bad, then it names the key, hides the value and exits 78',
    async () => {
      const running = runChild(main, { PORT: 'eighty-eighty', GREETING: '' });

      expect(await running.exited).toBe(78);
      expect(running.stderr()).toMatch(/^ {2}PORT: /m);
      expect(running.stderr()).not.toContain('eighty-eighty');
    },
    CHILD_TIMEOUT_MS,
  );
});
