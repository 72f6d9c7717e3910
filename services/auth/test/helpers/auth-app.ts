import { generateJwtKey } from '@bulkhead/dev-pki';
import { parseConfig } from '@bulkhead/platform';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthApp } from '../../src/app.ts';
import { loadClients } from '../../src/clients.ts';
import { configSchema } from '../../src/config.ts';
import { hashSecret } from '../../src/secret-hash.ts';
import { SigningKeys, type KeySet } from '../../src/signing-keys.ts';

/** The clients every component test knows, with secrets that need form-urlencoding. */
export const testClients = {
  demo: { secret: 'demo-secret-0123456789', scopes: ['notes:read', 'notes:write'] },
  reader: { secret: 'p@ss:w0rd +/%&é 0123456789', scopes: ['notes:read'] },
} as const;

/**
 * A real auth app on a temp directory: a clients file and one signing key `20250601T120000Z`, with
 * the default activation delay and a clock that only `advance(ms)` moves.
 * Hashes use the lowest accepted cost so failures are cheap to provoke; `env` adds settings.
 */
export async function authApp(env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'auth-app-'));
  const keysDir = join(dir, 'jwt-keys');
  const clientsFile = join(dir, 'clients.json');
  const clients = await Promise.all(
    Object.entries(testClients).map(async ([id, { secret, scopes }]) => ({
      id,
      secretHash: await hashSecret(secret, { ln: 10, r: 8, p: 1 }),
      scopes,
    })),
  );
  await writeFile(clientsFile, JSON.stringify({ clients }));
  await mkdir(keysDir);

  /** Adds a key file atomically (written beside, then renamed in), as a Secret update does. */
  const addKey = async (kid: string) => {
    await writeFile(join(dir, `${kid}.tmp`), generateJwtKey({ kid }).pem);
    await rename(join(dir, `${kid}.tmp`), join(keysDir, `${kid}.pem`));
  };
  const removeKey = (kid: string) => rm(join(keysDir, `${kid}.pem`));
  await addKey('20250601T120000Z');

  const config = parseConfig(configSchema, {
    LOG_LEVEL: 'silent',
    // As deployed: auth trusts the gateway's hop, so X-Forwarded-For names the source.
    TRUST_PROXY: '1',
    JWT_KEYS_DIR: keysDir,
    CLIENTS_FILE: clientsFile,
    ...env,
  });
  let time = Date.now();
  const advance = (ms: number) => {
    time += ms;
  };
  const keys = await SigningKeys.open({
    dir: keysDir,
    activationDelayMs: config.JWT_KEY_ACTIVATION_DELAY_MS,
    now: () => time,
  });
  const app = createAuthApp(config, { clients: await loadClients(clientsFile), keys });

  /** Resolves once the watched keys satisfy `done`; driven by reload events, not timers. */
  const keysReloaded = (done: (keySet: KeySet) => boolean) =>
    new Promise<void>((resolve) => {
      const check = (keySet: KeySet) => {
        if (!done(keySet)) return;
        keys.off('reload', check);
        resolve();
      };
      keys.on('reload', check);
    });

  const close = async () => {
    keys.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { app, addKey, removeKey, keysReloaded, advance, close };
}

/** `Authorization: Basic` for a client, each part form-urlencoded as RFC 6749 §2.3.1 asks. */
export function basic(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}
