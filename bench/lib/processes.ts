import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';

/** Whether `taskset` can pin processes here (Linux with util-linux). */
export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** `node <args>` (built JavaScript, as in the images) pinned to `core` when taskset exists. */
export function spawnNode(
  core: number,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions } = {},
): ChildProcess {
  const node = [process.execPath, ...args];
  const [command, ...rest] = hasTaskset ? ['taskset', '-c', String(core), ...node] : node;
  return spawn(command ?? process.execPath, rest, {
    env: { ...process.env, ...options.env },
    stdio: options.stdio ?? ['ignore', 'ignore', 'inherit'],
  });
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** The status of one GET, or undefined when nothing answers. */
export function statusOf(url: string, ca?: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { agent: false, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => {
      resolve(undefined);
    });
  });
}

/** Polls `url` every 5 ms until it answers 200; rejects after `timeoutMs`. */
export async function waitFor200(url: string, ca?: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await statusOf(url, ca)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} did not answer 200 within ${String(timeoutMs)} ms`);
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Resets the process's peak RSS (VmHWM), so the next reading covers one run only. */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${String(pid)}/clear_refs`, '5');
  } catch {
    // Older kernels: the peak then covers the process's whole life, still an upper bound.
  }
}

/** Peak resident memory in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb) / 1024;
}

/** Kills the process and waits until it is gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
