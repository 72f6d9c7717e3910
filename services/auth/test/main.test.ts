import { generateDevMaterial, readDemoClient } from '@bulkhead/dev-pki';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from './helpers/auth-app.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// A child Node process starts slowly on a busy machine.
const childTimeoutMs = 30_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-main-'));
  await generateDevMaterial({ dir });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `src/main.ts` as `npm start` would, on free ports, with the dev material in `dir`. */
function startAuth(env: Record<string, string> = {}) {
  const child = fork(main, {
    execArgv: ['--conditions=bulkhead-source'],
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      ADMIN_PORT: '0',
      SHUTDOWN_DELAY_MS: '0',
      TLS_CERT_FILE: join(dir, 'auth/tls.crt'),
      TLS_KEY_FILE: join(dir, 'auth/tls.key'),
      TLS_CA_FILE: join(dir, 'auth/ca.crt'),
      JWT_KEYS_DIR: join(dir, 'jwt-keys'),
      CLIENTS_FILE: join(dir, 'clients.json'),
      MTLS_ALLOWED_CLIENTS: 'gateway,notes',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = new Promise<{ port: number }>((resolve) => {
    createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      output += `${line}\n`;
      const parsed = JSON.parse(line) as { port?: number; adminPort?: number };
      if (typeof parsed.adminPort === 'number') resolve({ port: parsed.port ?? 0 });
    });
  });
  return { child, started, exited, output: () => output };
}

/**
 * POSTs a form to the running auth over TLS, trusting the dev CA and presenting the gateway's
 * client certificate, as the gateway does; `{ certificate: false }` presents none.
 */
async function postToken(port: number, authorization: string, { certificate = true } = {}) {
  const [ca, cert, key] = await Promise.all(
    ['gateway/ca.crt', 'gateway/tls.crt', 'gateway/tls.key'].map((path) =>
      readFile(join(dir, path), 'utf8'),
    ),
  );
  const req = request({
    host: '127.0.0.1',
    port,
    servername: 'auth',
    path: '/v1/token',
    method: 'POST',
    ca,
    ...(certificate ? { cert, key } : {}),
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
  });
  req.end('grant_type=client_credentials');
  const [response] = (await once(req, 'response')) as [
    NodeJS.ReadableStream & { statusCode: number },
  ];
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return { status: response.statusCode, body: JSON.parse(body) as Record<string, unknown> };
}

describe('auth main', () => {
  it(
    'when started with the dev material and called with the gateway certificate, then issues a token to the demo client',
    async () => {
      const auth = startAuth();
      const { port } = await auth.started;
      const { id, secret } = await readDemoClient(dir);

      const response = await postToken(port, basic(id, secret));
      auth.child.kill('SIGTERM');

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        token_type: 'Bearer',
        scope: 'notes:read notes:write',
      });
      expect(await auth.exited).toBe(0);
      expect(auth.output()).not.toContain(secret);
      expect(auth.output()).not.toContain(basic(id, secret).slice('Basic '.length));
    },
    childTimeoutMs,
  );

  it(
    'when a client presents no certificate, then the TLS handshake fails and no HTTP answer comes',
    async () => {
      const auth = startAuth();
      const { port } = await auth.started;
      const { id, secret } = await readDemoClient(dir);

      const refused = await postToken(port, basic(id, secret), { certificate: false }).then(
        () => undefined,
        (error: unknown) => error as NodeJS.ErrnoException,
      );
      auth.child.kill('SIGTERM');

      expect(refused?.code).toMatch(/^(ECONNRESET|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)$/);
      expect(await auth.exited).toBe(0);
    },
    childTimeoutMs,
  );

  it(
    'when the clients file is invalid, then exits 78 naming the file and field, without a stack',
    async () => {
      const clientsFile = join(dir, 'bad-clients.json');
      await writeFile(clientsFile, JSON.stringify({ clients: [{ id: 'demo', secretHash: 'x' }] }));

      const auth = startAuth({ CLIENTS_FILE: clientsFile });

      expect(await auth.exited).toBe(78);
      expect(auth.output()).toContain(
        `clients file ${clientsFile} is invalid: clients.0.secretHash`,
      );
      expect(auth.output()).not.toMatch(/\n\s+at /);
    },
    childTimeoutMs,
  );
});
