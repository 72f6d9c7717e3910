import { setTimeout as delay } from 'node:timers/promises';
import { HealthCheckError } from '@godaddy/terminus';
import type { Logger } from 'pino';

/** A readiness check: resolves when the dependency is usable, throws or rejects when not. */
export type ReadinessCheck = () => unknown;

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<'ok' | 'timeout'> {
  const cancel = new AbortController();
  const timeout = delay(timeoutMs, 'timeout' as const, { signal: cancel.signal });
  try {
    return await Promise.race([Promise.resolve(check()).then(() => 'ok' as const), timeout]);
  } finally {
    cancel.abort();
    timeout.catch(() => undefined);
  }
}

/**
 * Runs every check at once, each bounded by `timeoutMs`. All ok: their names. Otherwise throws
 * a terminus `HealthCheckError` naming each failed check as `failed` or `timeout`; the reason is
 * logged, not sent.
 */
export async function runReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
  logger: Logger,
): Promise<Record<string, string>> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        const outcome = await withTimeout(check, timeoutMs);
        if (outcome === 'timeout')
          logger.warn({ check: name, timeoutMs }, 'readiness check timed out');
        return [name, outcome] as const;
      } catch (error) {
        logger.warn({ check: name, err: error }, 'readiness check failed');
        return [name, 'failed'] as const;
      }
    }),
  );
  const report = Object.fromEntries(results);
  if (results.some(([, outcome]) => outcome !== 'ok')) {
    throw new HealthCheckError('not ready', report);
  }
  return report;
}
