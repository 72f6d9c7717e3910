import { fileURLToPath } from 'node:url';
import {
  isStartupLine,
  runChild,
  type RunningChild,
} from '../../packages/platform/test/helpers/child-process.ts';

/** A service's own `src/main.ts` in a child process, once it listens. */
export interface RunningRealService extends RunningChild {
  port: number;
  adminPort: number;
  api: string;
  admin: string;
}

/**
 * Starts `services/<name>/src/main.ts` as `npm start` does (TypeScript sources), on free ports
 * unless `env` names them, and resolves when it logged its startup line. HTTPS when `env` has
 * `TLS_CERT_FILE`.
 */
export async function startRealService(
  name: 'gateway' | 'notes',
  env: Record<string, string>,
): Promise<RunningRealService> {
  const entry = fileURLToPath(new URL(`../../services/${name}/src/main.ts`, import.meta.url));
  const running = runChild(entry, {
    PORT: '0',
    ADMIN_PORT: '0',
    HOST: '127.0.0.1',
    SHUTDOWN_DELAY_MS: '0',
    ...env,
  });
  const startup = await running.waitForLine(isStartupLine);
  const port = startup.port as number;
  const adminPort = startup.adminPort as number;
  const scheme = env.TLS_CERT_FILE ? 'https' : 'http';
  return {
    ...running,
    port,
    adminPort,
    api: `${scheme}://127.0.0.1:${port}`,
    admin: `${scheme}://127.0.0.1:${adminPort}`,
  };
}

/** `kill -9`: the process gets no chance to flush, close or checkpoint anything. */
export async function killHard(service: RunningRealService): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}
