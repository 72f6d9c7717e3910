import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export type LogLine = Record<string, unknown>;

/** A TypeScript entry point run in a child Node process, its JSON stdout lines observable. */
export interface RunningChild {
  child: ChildProcess;
  lines: LogLine[];
  stderr: () => string;
  /** Resolves with the first line (seen or to come) matching `predicate`. */
  waitForLine: (predicate: (line: LogLine) => boolean) => Promise<LogLine>;
  /** Resolves with the first line from now on matching `predicate`, ignoring earlier ones. */
  nextLine: (predicate: (line: LogLine) => boolean) => Promise<LogLine>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function runChild(entry: string, env: Record<string, string>): RunningChild {
  const child = fork(entry, {
    env: { PATH: process.env.PATH, ...env },
    execArgv: ['--conditions=bulkhead-source'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: LogLine[] = [];
  const waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      for (const waiter of waiters.filter(({ predicate }) => predicate(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    });
  }
  const nextLine = (predicate: (line: LogLine) => boolean) =>
    new Promise<LogLine>((resolve, reject) => {
      waiters.push({ predicate, resolve });
      void exited.then((code) => {
        reject(
          new Error(
            `child exited (${code}) first; stderr: ${stderr}; stdout: ${JSON.stringify(lines)}`,
          ),
        );
      });
    });
  const waitForLine = (predicate: (line: LogLine) => boolean) => {
    const seen = lines.find(predicate);
    return seen ? Promise.resolve(seen) : nextLine(predicate);
  };
  return { child, lines, stderr: () => stderr, waitForLine, nextLine, exited };
}

/** The line `serve()` logs once both servers listen. */
export const isStartupLine = (line: LogLine) => typeof line.adminPort === 'number';

/** Child processes start slowly on a busy machine; these tests get room beyond vitest's 5 s. */
export const CHILD_TIMEOUT_MS = 30_000;
