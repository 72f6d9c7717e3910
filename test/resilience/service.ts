import { fileURLToPath } from 'node:url';
import {
  isStartupLine,
  runChild,
  type RunningChild,
} from '../../packages/platform/test/helpers/child-process.ts';

const fixture = fileURLToPath(new URL('./fixtures/service.ts', import.meta.url));

/** A service in a child process, once it listens. */
export interface RunningService extends RunningChild {
  port: number;
  adminPort: number;
  api: string;
  admin: string;
}

/**
 * Starts `fixtures/service.ts` with `node --conditions=bulkhead-source` on free ports (or `env`'s),
 * plain HTTP unless `env` names TLS files, and resolves when it logged its startup line.
 */
export function startService(env: Record<string, string> = {}): Promise<RunningService> {
  return startEntry(fixture, env);
}

/** Like {@link startService}, for any entry file built on the platform. */
export async function startEntry(
  entry: string,
  env: Record<string, string>,
): Promise<RunningService> {
  const running = runChild(entry, { PORT: '0', ADMIN_PORT: '0', HOST: '127.0.0.1', ...env });
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

/** Ends the child (SIGKILL: these tests check behaviour under load, not the drain). */
export async function stopService(service: RunningService): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}

export { CHILD_TIMEOUT_MS } from '../../packages/platform/test/helpers/child-process.ts';
