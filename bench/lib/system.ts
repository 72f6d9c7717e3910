import { request } from 'node:https';
import { join } from 'node:path';
import { readDemoClient } from '@bulkhead/dev-pki';
import { fromRoot } from './build.ts';
import { freePort, spawnNode, stop, waitFor200 } from './processes.ts';
import type { Server, TargetContext } from './targets.ts';

/** auth, notes and the gateway as the images run them, and what a client needs to call them. */
export interface NotesSystem {
  /** (4) notes on its own: TLS, no client certificate asked (autocannon presents none). */
  notes: Server;
  /** (5) the gateway, in front of a second notes that accepts only the gateway's certificate. */
  gateway: Server;
  /** A `notes:read notes:write` token for the demo client, valid for an hour. */
  token: string;
  /** What another notes or gateway needs to start next to these (for the cold starts). */
  env: { notes: NodeJS.ProcessEnv; gateway: NodeJS.ProcessEnv };
  stop: () => Promise<void>;
}

interface Started extends Server {
  url: string;
}

async function start(
  service: string,
  env: NodeJS.ProcessEnv,
  { caPem, logFd }: TargetContext,
): Promise<Started> {
  const port = await freePort();
  const adminPort = await freePort();
  const child = spawnNode(0, [fromRoot(`services/${service}/dist/main.js`)], {
    env: {
      ...env,
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      HOST: '127.0.0.1',
      SHUTDOWN_DELAY_MS: '0',
    },
    stdio: ['ignore', logFd, 'inherit'],
  });
  await waitFor200(`https://127.0.0.1:${String(adminPort)}/readyz`, caPem);
  const url = `https://127.0.0.1:${String(port)}`;
  return { child, base: url, url };
}

function post(url: string, headers: Record<string, string>, body: string, ca: string) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ca, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts auth (TLS, no client certificates asked, so the bench can get a token), notes for (4),
 * and notes + gateway for (5) with mTLS between them. One client drives all the load, so the
 * limits meant for one client among many are raised out of the way: the gateway's API rate limit
 * (`RATE_LIMIT_API`) and per-client share of the pool (`UPSTREAM_MAX_PER_CLIENT`, to the 64
 * connections), and notes' per-owner quota (`OWNER_MAX_NOTES`, `OWNER_MAX_BYTES`). At their
 * defaults most rows would be 429s and 409s.
 */
export async function startNotesSystem(pki: string, context: TargetContext): Promise<NotesSystem> {
  const tlsOf = (service: string) => ({
    TLS_CERT_FILE: join(pki, service, 'tls.crt'),
    TLS_KEY_FILE: join(pki, service, 'tls.key'),
    TLS_CA_FILE: join(pki, service, 'ca.crt'),
  });
  const started: Started[] = [];
  const run = async (service: string, env: NodeJS.ProcessEnv) => {
    const server = await start(service, env, context);
    started.push(server);
    return server;
  };
  const stopAll = async () => {
    await Promise.all(started.map((server) => stop(server.child)));
  };
  try {
    const auth = await run('auth', {
      ...tlsOf('auth'),
      JWT_KEYS_DIR: join(pki, 'jwt-keys'),
      CLIENTS_FILE: join(pki, 'clients.json'),
      TOKEN_TTL_SECONDS: '3600',
    });
    const jwks = { JWKS_URL: `${auth.url}/.well-known/jwks.json` };
    const unlimitedOwner = { OWNER_MAX_NOTES: '100000000', OWNER_MAX_BYTES: '100000000000' };
    const notesEnv = { ...tlsOf('notes'), ...jwks, ...unlimitedOwner };
    const notes = await run('notes', {
      ...notesEnv,
      DATABASE_PATH: join(pki, '..', 'notes-direct.db'),
    });
    const upstream = await run('notes', {
      ...tlsOf('notes'),
      ...jwks,
      ...unlimitedOwner,
      MTLS_ALLOWED_CLIENTS: 'gateway',
      DATABASE_PATH: join(pki, '..', 'notes-behind-gateway.db'),
    });
    const gatewayEnv = {
      ...tlsOf('gateway'),
      ...jwks,
      AUTH_URL: auth.url,
      NOTES_URL: upstream.url,
      RATE_LIMIT_API: '100000000',
      UPSTREAM_MAX_PER_CLIENT: '64',
    };
    const gateway = await run('gateway', gatewayEnv);
    const demo = await readDemoClient(pki);
    const basic = Buffer.from(`${demo.id}:${demo.secret}`).toString('base64');
    const grant = await post(
      `${auth.url}/v1/token`,
      { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      'grant_type=client_credentials',
      context.caPem,
    );
    const token = (grant.json as { access_token?: string }).access_token;
    if (typeof token !== 'string') throw new Error(`no token: ${String(grant.status)}`);
    return {
      notes,
      gateway,
      token,
      env: {
        notes: { ...notesEnv, DATABASE_PATH: join(pki, '..', 'notes-cold.db') },
        gateway: gatewayEnv,
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Creates one note through `base` and returns its id, for the GET route. */
export async function seedNote(base: string, token: string, caPem: string): Promise<string> {
  const created = await post(
    `${base}/v1/notes`,
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    JSON.stringify({ title: 'Seeded', body: 'for the GET route', tags: ['bench'] }),
    caPem,
  );
  const id = (created.json as { id?: string }).id;
  if (created.status !== 201 || id === undefined) {
    throw new Error(`seeding a note through ${base} answered ${String(created.status)}`);
  }
  return id;
}
