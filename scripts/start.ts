// `npm start`: the whole system on this machine, with TLS everywhere. Makes the dev PKI on the first
// run (.dev/, git-ignored), starts auth, notes and gateway with mutual TLS between them, waits until
// each is ready, and prints how to call it. Ctrl-C stops all three gracefully.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateDevMaterial, readDemoClient } from '@bulkhead/dev-pki';
import { Agent, request } from 'undici';

const dev = '.dev';
const issuer = { JWT_ISSUER: 'bulkhead-auth', JWT_AUDIENCE: 'bulkhead' };

/** Where each service listens on localhost, and what it needs to know. */
const services = {
  auth: {
    port: 8444,
    adminPort: 9091,
    env: {
      MTLS_ALLOWED_CLIENTS: 'gateway,notes',
      // Only mTLS peers connect, and gateway says who its client was: trust that one hop.
      TRUST_PROXY: '1',
      JWT_KEYS_DIR: `${dev}/jwt-keys`,
      CLIENTS_FILE: `${dev}/clients.json`,
    },
  },
  notes: {
    port: 8445,
    adminPort: 9092,
    env: {
      MTLS_ALLOWED_CLIENTS: 'gateway',
      JWKS_URL: 'https://localhost:8444/.well-known/jwks.json',
      DATABASE_PATH: 'data/notes.db',
    },
  },
  gateway: {
    port: 8443,
    adminPort: 9090,
    env: {
      AUTH_URL: 'https://localhost:8444',
      NOTES_URL: 'https://localhost:8445',
      JWKS_URL: 'https://localhost:8444/.well-known/jwks.json',
    },
  },
} as const;
type Name = keyof typeof services;

const made = await generateDevMaterial({ dir: dev });
if (made.created.length > 0) {
  console.log(`dev secrets written to ${dev}/ (git-ignored): ${made.created.join(', ')}`);
}
const ca = await readFile(`${dev}/ca/ca.crt`);

function start(name: Name): ChildProcess {
  const { port, adminPort, env } = services[name];
  const child = spawn(
    process.execPath,
    ['--conditions=bulkhead-source', `services/${name}/src/main.ts`],
    {
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        TLS_CERT_FILE: `${dev}/${name}/tls.crt`,
        TLS_KEY_FILE: `${dev}/${name}/tls.key`,
        TLS_CA_FILE: `${dev}/${name}/ca.crt`,
        // Nothing routes traffic here, so there is no endpoint propagation to wait for.
        SHUTDOWN_DELAY_MS: '0',
        ...issuer,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches only this script, which then sends each service
      // exactly one SIGTERM (a second signal would make a service skip its graceful drain).
      detached: true,
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        console.log(`${name.padEnd(7)} | ${line}`);
      }
    });
  }
  return child;
}

/** Polls /readyz on the admin port over TLS (the dev CA, no -k) until it answers 200. */
async function ready(name: Name, child: ChildProcess): Promise<void> {
  const dispatcher = new Agent({ connect: { ca } });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${String(child.exitCode)}`);
      const ok = await request(`https://localhost:${services[name].adminPort}/readyz`, {
        dispatcher,
      }).then(
        async (response) => {
          await response.body.dump();
          return response.statusCode === 200;
        },
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
  } finally {
    await dispatcher.close();
  }
}

const children = (['auth', 'notes', 'gateway'] as const).map((name) => ({
  name,
  child: start(name),
}));
let stopping = false;

// Ctrl-C or SIGTERM: one SIGTERM to each service, then wait for all three to drain and exit.
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  const running = children.filter(({ child }) => child.exitCode === null);
  await Promise.all(running.map(({ child }) => once(child, 'exit')));
  const clean = children.every(({ child }) => child.exitCode === 0);
  console.log(clean ? 'all three stopped cleanly' : 'a service did not stop cleanly');
  process.exit(clean ? 0 : 1);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// However this script ends, it leaves no service running behind it.
process.on('exit', () => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
});
for (const { name, child } of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited unexpectedly (${String(code)}); stopping the others`);
      void stop();
    }
  });
}

try {
  for (const { name, child } of children) await ready(name, child);
} catch (error) {
  console.error(`npm start: ${(error as Error).message}`);
  await stop();
}

const { id, secret } = await readDemoClient(dev);
const url = `https://localhost:${services.gateway.port}`;
console.log(`
Bulkhead is up: ${url} (TLS from the dev CA in ${dev}/ca/ca.crt). Try it:

  TOKEN=$(curl -s --cacert ${dev}/ca/ca.crt -u '${id}:${secret}' -d grant_type=client_credentials \\
    ${url}/v1/token | node -p 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl --cacert ${dev}/ca/ca.crt -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -d '{"title":"Hello","body":"from curl","tags":["demo"]}' ${url}/v1/notes

Ctrl-C stops all three.
`);
