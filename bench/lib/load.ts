import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnNode } from './processes.ts';

/** One autocannon run, summarised. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Responses that were not 2xx, plus errors and timeouts: any of them spoils the figures. */
  failures: number;
}

/** One route of a target. */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

const autocannon = join(
  dirname(createRequire(import.meta.url).resolve('autocannon/package.json')),
  'autocannon.js',
);

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon in its own process on core 1: `connections` for `seconds`. */
export async function runLoad(
  { url, method, body, headers = {} }: LoadRequest,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  const args = [autocannon, '-j', '-c', String(connections), '-d', String(seconds), '-m', method];
  const allHeaders =
    body === undefined ? headers : { 'content-type': 'application/json', ...headers };
  for (const [name, value] of Object.entries(allHeaders)) args.push('-H', `${name}=${value}`);
  if (body !== undefined) args.push('-b', body);
  args.push(url);
  const child = spawnNode(1, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited ${String(code)} for ${method} ${url}`);
  const result = JSON.parse(out) as AutocannonJson;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
