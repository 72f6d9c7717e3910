import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The compose project the tests run, so they never touch a developer's own `docker compose up`. */
export const project = 'bulkhead-test';

/** Runs `docker …` and answers its trimmed stdout; a non-zero exit rejects, stderr in the message. */
export async function docker(args: string[], { timeoutMs = 600_000 } = {}): Promise<string> {
  const { stdout } = await exec('docker', args, { timeout: timeoutMs, maxBuffer: 64 << 20 });
  return stdout.trim();
}

/** `docker compose -p bulkhead-test …`: v2, or the v1.29 shim; only commands both have. */
export function compose(args: string[], options?: { timeoutMs?: number }): Promise<string> {
  return docker(['compose', '-p', project, ...args], options);
}

/** The id of a compose service's container (`ps -q` names it the same way in v1 and v2). */
export async function containerId(service: string): Promise<string> {
  const id = await compose(['ps', '-q', service]);
  if (id === '') throw new Error(`no container for ${service}`);
  return id;
}

/** One field of `docker inspect`, e.g. `inspect(id, '{{.State.ExitCode}}')`. */
export function inspect(id: string, format: string): Promise<string> {
  return docker(['inspect', '-f', format, id]);
}

/**
 * Waits until every container reports `healthy`; rejects on `unhealthy` or after `timeoutMs`.
 * Compose v1 has no `up --wait`, and Docker has no event to await across containers: it polls.
 */
export async function waitHealthy(ids: string[], { timeoutMs = 120_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(ids.map((id) => inspect(id, '{{.State.Health.Status}}')));
    if (states.every((state) => state === 'healthy')) return;
    if (states.includes('unhealthy') || Date.now() > deadline)
      throw new Error(`health: ${states.join(', ')}`);
    await sleep(1000);
  }
}
