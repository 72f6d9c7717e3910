import { fileURLToPath } from 'node:url';
import { startEntry, type RunningService } from './service.ts';

/** A service's own `src/main.ts` in a child process, once it listens. */
export type RunningRealService = RunningService;

/**
 * Starts `services/<name>/src/main.ts` as `npm start` does (TypeScript sources), on free ports
 * unless `env` names them, and resolves when it logged its startup line. HTTPS when `env` has
 * `TLS_CERT_FILE`.
 */
export function startRealService(
  name: 'gateway' | 'notes' | 'auth',
  env: Record<string, string>,
): Promise<RunningRealService> {
  const entry = fileURLToPath(new URL(`../../services/${name}/src/main.ts`, import.meta.url));
  return startEntry(entry, { SHUTDOWN_DELAY_MS: '0', ...env });
}

/** `kill -9`: the process gets no chance to flush, close or checkpoint anything. */
export async function killHard(service: RunningRealService): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}
