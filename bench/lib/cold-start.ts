import { join } from 'node:path';
import { fromRoot } from './build.ts';
import { freePort, spawnNode, stop, waitFor200 } from './processes.ts';

/** How to start one service for a cold-start measurement. */
export interface ColdStartService {
  name: string;
  script: string;
  /** Its environment, given the ports chosen for this start. */
  env: (ports: { port: number; adminPort: number }) => NodeJS.ProcessEnv;
  /** Whether the admin server speaks HTTPS (it does when the service has TLS files). */
  tls: boolean;
}

/** Milliseconds from spawn to the first `/readyz` 200, once per start. */
export async function coldStarts(
  service: ColdStartService,
  times: number,
  ca: string,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const ports = { port: await freePort(), adminPort: await freePort() };
    const started = performance.now();
    const child = spawnNode(0, [service.script], { env: service.env(ports) });
    try {
      const scheme = service.tls ? 'https' : 'http';
      await waitFor200(`${scheme}://127.0.0.1:${String(ports.adminPort)}/readyz`, ca);
      samples.push(performance.now() - started);
    } finally {
      await stop(child);
    }
  }
  return samples;
}

/** The services measured: the bench's platform service, auth, and notes and the gateway. */
export function coldStartServices(
  pki: string,
  running: { notes: NodeJS.ProcessEnv; gateway: NodeJS.ProcessEnv },
): ColdStartService[] {
  const tlsOf = (service: string) => ({
    TLS_CERT_FILE: join(pki, service, 'tls.crt'),
    TLS_KEY_FILE: join(pki, service, 'tls.key'),
    TLS_CA_FILE: join(pki, service, 'ca.crt'),
  });
  const service = (name: string, script: string, env: NodeJS.ProcessEnv): ColdStartService => ({
    name,
    script: fromRoot(script),
    tls: true,
    env: ({ port, adminPort }) => ({
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
    }),
  });
  return [
    service('(3) platform service', 'bench/dist/targets/platform-service.js', tlsOf('notes')),
    service('auth', 'services/auth/dist/main.js', {
      ...tlsOf('auth'),
      MTLS_ALLOWED_CLIENTS: 'gateway,notes',
      JWT_KEYS_DIR: join(pki, 'jwt-keys'),
      CLIENTS_FILE: join(pki, 'clients.json'),
    }),
    service('notes', 'services/notes/dist/main.js', running.notes),
    service('gateway', 'services/gateway/dist/main.js', running.gateway),
  ];
}
