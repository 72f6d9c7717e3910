import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { request, type Dispatcher } from 'undici';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A pino line as a service writes it. */
export type LogLine = Record<string, unknown> & { msg?: string };

/** One running service: its ports, what it has logged, and a way to stop it. */
export interface ServiceProcess {
  readonly name: string;
  readonly port: number;
  readonly url: string;
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
  const child = spawn(
    process.execPath,
    ['--conditions=bulkhead-source', `services/${name}/src/main.ts`],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PORT: '0',
        SHUTDOWN_DELAY_MS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const logs: LogLine[] = [];
  const waiting = new Set<{ matches: (line: LogLine) => boolean; resolve: (l: LogLine) => void }>();
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    logs.push(line);
    for (const waiter of waiting) {
      if (!waiter.matches(line)) continue;
      waiting.delete(waiter);
      waiter.resolve(line);
    }
  });
  const nextLine = (matches: (line: LogLine) => boolean) =>
    new Promise<LogLine>((resolve) => waiting.add({ matches, resolve }));

  const started = nextLine((line) => typeof line.adminPort === 'number');
  const early = exited.then((code) => {
    throw new Error(`${name} exited with ${String(code)} before it was ready:\n${stderr}`);
  });
  const startup = await Promise.race([started, early]);
  const bound = { port: startup.port as number, adminPort: startup.adminPort as number };
  await Promise.race([ready(`https://127.0.0.1:${bound.adminPort}/readyz`, dispatcher), early]);
  early.catch(() => undefined);

  return {
    name,
    port: bound.port,
    url: `https://127.0.0.1:${bound.port}`,
    child,
    logs,
    stderr: () => stderr,
    nextLine,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
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
