import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { request, type Dispatcher } from 'undici';
import {
  isStartupLine,
  runChild,
  type LogLine as ChildLogLine,
} from '../../../packages/platform/test/helpers/child-process.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A pino line as a service writes it. */
export type LogLine = ChildLogLine & { msg?: string };

/** One running service: its ports, what it has logged, and a way to stop it. */
export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** The admin server: health and `/metrics`, over TLS, asking no client certificate. */
  readonly adminUrl: string;
  readonly child: ChildProcess;
  readonly logs: readonly LogLine[];
  /** Everything written to stderr so far: Node's own warnings land there. */
  stderr(): string;
  /** The first line from now on that `matches`. */
  nextLine(matches: (line: LogLine) => boolean): Promise<LogLine>;
  /** SIGTERM, then the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** `PORT`; 0 (the default) lets the system choose. */
  port?: number;
  /** Environment on top of the loopback host, free ports and no drain delay. */
  env: Record<string, string>;
  /** Trusted to verify the admin server, for the readiness poll. */
  dispatcher: Dispatcher;
}

/**
 * Starts `services/<name>/src/main.ts` as a real process and resolves once it has logged its
 * startup line (`{ port, adminPort }`) and its `/readyz` answers 200. Rejects if it exits first.
 *
 * @example const auth = await startService('auth', { env, dispatcher });
 */
export async function startService(
  name: string,
  { port = 0, env, dispatcher }: StartOptions,
): Promise<ServiceProcess> {
  const running = runChild(join(root, `services/${name}/src/main.ts`), {
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_PORT: '0',
    SHUTDOWN_DELAY_MS: '0',
    ...env,
  });
  const startup = await running.waitForLine(isStartupLine);
  const early = running.exited.then((code) => {
    throw new Error(
      `${name} exited with ${String(code)} before it was ready:\n${running.stderr()}`,
    );
  });
  const adminUrl = `https://127.0.0.1:${String(startup.adminPort)}`;
  await Promise.race([ready(`${adminUrl}/readyz`, dispatcher), early]);
  early.catch(() => undefined);

  const boundPort = startup.port as number;
  return {
    name,
    port: boundPort,
    url: `https://127.0.0.1:${String(boundPort)}`,
    adminUrl,
    child: running.child,
    logs: running.lines,
    stderr: running.stderr,
    nextLine: running.nextLine,
    async stop() {
      if (running.child.exitCode === null) running.child.kill('SIGTERM');
      return running.exited;
    },
  };
}

/** Asks `/readyz` until it answers 200 (for 5 s at most); a just-bound server usually is. */
async function ready(url: string, dispatcher: Dispatcher): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { statusCode, body } = await request(url, { dispatcher });
    await body.dump();
    if (statusCode === 200) return;
    await delay(25);
  }
  throw new Error(`${url} never answered 200`);
}
