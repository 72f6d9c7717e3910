import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closedPort } from './helpers/servers.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Starts the real gateway process on free ports and resolves when it says it is listening. */
async function startGateway(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=bulkhead-source', main], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line) as { msg?: string; port?: number; adminPort?: number };
    if (entry.msg?.endsWith('listening') === true) {
      return {
        child,
        api: `http://127.0.0.1:${entry.port}`,
        admin: `http://127.0.0.1:${entry.adminPort}`,
      };
    }
  }
  throw new Error('the gateway exited before listening');
}

describe('gateway main', () => {
  it('when every upstream is down, then it stays ready, answers 503 for them and stops cleanly on SIGTERM', async () => {
    const down = await closedPort();
    const { child, api, admin } = await startGateway({
      NOTES_URL: down,
      AUTH_URL: down,
      JWKS_URL: `${down}/.well-known/jwks.json`,
      SHUTDOWN_DELAY_MS: '0',
    });

    const ready = await fetch(`${admin}/readyz`);
    const token = await fetch(`${api}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(ready.status).toBe(200);
    expect(token.status).toBe(503);
    expect(token.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(code).toBe(0);
  });
});
