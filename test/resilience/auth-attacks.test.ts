import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevMaterial, readDemoClient } from '@bulkhead/dev-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';
import { CHILD_TIMEOUT_MS } from './service.ts';

// The real auth behind the real gateway, plain HTTP on loopback, clients on addresses of their own.
let dir: string;
let auth: RunningRealService | undefined;
let gateway: RunningRealService | undefined;
let demo: { id: string; secret: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulkhead-auth-attacks-'));
  await generateDevMaterial({ dir });
  demo = await readDemoClient(dir);
  auth = await startRealService('auth', {
    JWT_KEYS_DIR: join(dir, 'jwt-keys'),
    CLIENTS_FILE: join(dir, 'clients.json'),
    TRUST_PROXY: '1',
    SECRET_CHECKS_CONCURRENT: '1',
    SECRET_CHECKS_QUEUED: '2',
  });
  gateway = await startRealService('gateway', {
    AUTH_URL: auth.api,
    NOTES_URL: auth.api,
    JWKS_URL: `${auth.api}/.well-known/jwks.json`,
    RATE_LIMIT_TOKEN: '1000',
  });
}, CHILD_TIMEOUT_MS);
afterAll(async () => {
  // Either may be missing when the other did not start.
  await Promise.all([gateway, auth].filter((service) => service !== undefined).map(killHard));
  await rm(dir, { recursive: true, force: true });
});

/** POST /v1/token through the gateway from `source`, with HTTP Basic `id:secret`. */
function token(source: string, id: string, secret: string) {
  const { port } = new URL(gateway?.api ?? 'http://gateway-not-started');
  return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: source,
        method: 'POST',
        path: '/v1/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
      },
      (answer) => {
        answer.resume();
        answer.once('end', () => {
          resolve({ status: answer.statusCode ?? 0, retryAfter: answer.headers['retry-after'] });
        });
      },
    );
    sent.on('error', reject);
    sent.end('grant_type=client_credentials');
  });
}

describe('auth against a guesser and a flood', () => {
  it(
    'when one source guesses the demo client’s secret again and again, then that source is slowed and the client, from elsewhere, still gets its token',
    async () => {
      const guesses = [];
      for (let i = 0; i < 8; i++) guesses.push(await token('127.0.0.2', demo.id, `guess-${i}`));
      const guesserWithTheSecret = await token('127.0.0.2', demo.id, demo.secret);
      const client = await token('127.0.0.3', demo.id, demo.secret);

      expect(guesses.slice(0, 5).map(({ status }) => status)).toEqual([401, 401, 401, 401, 401]);
      expect(guesses.some(({ status }) => status === 429)).toBe(true);
      expect(guesserWithTheSecret.status).toBe(429);
      expect(client.status).toBe(200);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when 20 made-up client ids arrive at once, then beyond one hashing and two waiting they get 503 + Retry-After without hashing, and the demo client then gets its token',
    async () => {
      const flood = await Promise.all(
        Array.from({ length: 20 }, (_, i) => token(`127.0.1.${i + 1}`, `nobody-${i}`, 'x')),
      );
      const client = await token('127.0.0.4', demo.id, demo.secret);

      const refused = flood.filter(({ status }) => status === 503);
      expect(refused.length).toBeGreaterThanOrEqual(17 - 3);
      expect(refused.every(({ retryAfter }) => retryAfter === '1')).toBe(true);
      expect(flood.filter(({ status }) => status === 401).length).toBeGreaterThan(0);
      expect(client.status).toBe(200);
    },
    CHILD_TIMEOUT_MS,
  );
});
