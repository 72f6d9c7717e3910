import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevMaterial, readDemoClient, type CertificateAndKey } from '@bulkhead/dev-pki';
import { Agent } from 'undici';
import { startService, type ServiceProcess } from './service-process.ts';
import type { TlsFolder } from './tls-folder.ts';

/** auth, notes and gateway running as real processes with the dev PKI of a temp folder. */
export interface System {
  /** The temp folder: `ca/`, `<service>/`, `jwt-keys/`, `clients.json`, `notes.db`. */
  readonly dir: string;
  readonly ca: CertificateAndKey;
  readonly demo: { id: string; secret: string };
  /** The gateway's certificate: what notes and auth accept. */
  readonly gatewayIdentity: CertificateAndKey;
  /** Trusts the dev CA and presents no certificate: what a public client of the gateway uses. */
  readonly publicClient: Agent;
  /** Trusts the dev CA and presents the gateway's certificate: lets a test call notes directly. */
  readonly asGateway: Agent;
  auth: ServiceProcess;
  notes: ServiceProcess;
  gateway: ServiceProcess;
  /** Starts notes (again) on its port and database, from `tls` or its generated folder. */
  startNotes(tls?: TlsFolder): Promise<ServiceProcess>;
  /** SIGTERM to each service, gateway first; resolves to each exit code. */
  stop(): Promise<Record<string, number | null>>;
  /** Kills what still runs and removes the temp folder. */
  dispose(): Promise<void>;
}

/**
 * How fast a signing-key rotation goes here: auth publishes a new key this long before it signs
 * with it, and the verifiers refetch the JWKS for an unknown kid at most once per cool-down. As in
 * production, the delay is longer than the cool-down.
 */
export const rotation = { activationDelayMs: 2_500, cooldownMs: 1_000 };

/**
 * Generates a dev PKI into a temp folder and starts auth → notes → gateway on free ports, each
 * told the real URLs of those started before it, with a short key rotation (`rotation`).
 *
 * @example const system = await startSystem(); ... await system.stop();
 */
export async function startSystem(): Promise<System> {
  const dir = await mkdtemp(join(tmpdir(), 'bulkhead-e2e-'));
  await generateDevMaterial({ dir });
  const read = (path: string) => readFile(join(dir, path), 'utf8');
  const ca = { cert: await read('ca/ca.crt'), key: await read('ca/ca.key') };
  const gatewayIdentity = {
    cert: await read('gateway/tls.crt'),
    key: await read('gateway/tls.key'),
  };
  const publicClient = new Agent({ connect: { ca: ca.cert } });
  const asGateway = new Agent({ connect: { ca: ca.cert, ...gatewayIdentity } });
  const tlsOf = (service: string) => ({
    TLS_CERT_FILE: join(dir, service, 'tls.crt'),
    TLS_KEY_FILE: join(dir, service, 'tls.key'),
    TLS_CA_FILE: join(dir, service, 'ca.crt'),
  });
  const running: ServiceProcess[] = [];
  const killAll = () => {
    for (const service of running)
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
  };
  const start = async (name: string, env: Record<string, string>, port?: number) => {
    const service = await startService(name, {
      env,
      dispatcher: publicClient,
      ...(port === undefined ? {} : { port }),
    });
    running.push(service);
    return service;
  };

  try {
    const auth = await start('auth', {
      ...tlsOf('auth'),
      MTLS_ALLOWED_CLIENTS: 'gateway,notes',
      JWT_KEYS_DIR: join(dir, 'jwt-keys'),
      CLIENTS_FILE: join(dir, 'clients.json'),
      JWT_KEY_ACTIVATION_DELAY_MS: String(rotation.activationDelayMs),
    });
    const jwksUrl = `${auth.url}/.well-known/jwks.json`;
    const notesEnv = (tls?: TlsFolder) => ({
      ...(tls?.env ?? tlsOf('notes')),
      MTLS_ALLOWED_CLIENTS: 'gateway',
      JWKS_URL: jwksUrl,
      JWKS_COOLDOWN_MS: String(rotation.cooldownMs),
      DATABASE_PATH: join(dir, 'notes.db'),
    });
    const notes = await start('notes', notesEnv());
    const gateway = await start('gateway', {
      ...tlsOf('gateway'),
      AUTH_URL: auth.url,
      NOTES_URL: notes.url,
      JWKS_URL: jwksUrl,
      JWKS_COOLDOWN_MS: String(rotation.cooldownMs),
      // The rotation scenarios send a steady stream of requests; the limit is not under test.
      RATE_LIMIT_API: '100000',
    });

    const system: System = {
      dir,
      ca,
      demo: await readDemoClient(dir),
      gatewayIdentity,
      publicClient,
      asGateway,
      auth,
      notes,
      gateway,
      async startNotes(tls) {
        system.notes = await start('notes', notesEnv(tls), notes.port);
        return system.notes;
      },
      async stop() {
        const codes: Record<string, number | null> = {};
        for (const service of [system.gateway, system.notes, system.auth]) {
          codes[service.name] = await service.stop();
        }
        return codes;
      },
      async dispose() {
        killAll();
        await Promise.all([publicClient.close(), asGateway.close()]);
        await rm(dir, { recursive: true, force: true });
      },
    };
    return system;
  } catch (error) {
    killAll();
    throw error;
  }
}
