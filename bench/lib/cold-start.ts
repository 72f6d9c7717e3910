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
