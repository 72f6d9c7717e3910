import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

/** What a client saw before the server hung up on it. */
export interface CutOff {
  /** From connecting to the server closing the connection. */
  elapsedMs: number;
  /** Everything the server wrote. */
  received: string;
}

/**
 * Connects to `port`, writes `head`, then one byte of `drip` every `everyMs` (wrapping round)
 * until the server closes the connection.
 */
export function trickle(port: number, head: string, drip = 'a', everyMs = 100): Promise<CutOff> {
  const started = performance.now();
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let sent = 0;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  socket.once('connect', () => socket.write(head));
  const timer = setInterval(() => {
    if (socket.writable) socket.write(drip.charAt(sent++ % drip.length));
  }, everyMs);
  return new Promise((resolve) => {
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ elapsedMs: performance.now() - started, received });
    });
  });
}

/** Connects to `port` and sends nothing at all, as a half-open TLS client does. */
export function connectSilently(port: number): Promise<CutOff> {
  return trickle(port, '', '', 60_000);
}

/**
 * Asks `url` every `everyMs` until stopped; `stop()` resolves with each answer's status and the
 * slowest answer's time.
 */
export function probe(url: string, fetchOptions: RequestInit = {}, everyMs = 100) {
  const statuses: number[] = [];
  let slowestMs = 0;
  const inFlight = new Set<Promise<void>>();
  const ask = () => {
    const started = performance.now();
    const answer = fetch(url, fetchOptions)
      .then(async (res) => {
        await res.arrayBuffer();
        statuses.push(res.status);
      })
      .catch(() => {
        statuses.push(0);
      })
      .finally(() => {
        slowestMs = Math.max(slowestMs, performance.now() - started);
        inFlight.delete(answer);
      });
    inFlight.add(answer);
  };
  ask();
  const timer = setInterval(ask, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { statuses, slowestMs };
    },
  };
}
