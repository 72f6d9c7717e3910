import type { Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';

/** A cleanup hook run after the API server has drained, e.g. closing a database. */
export type ShutdownHook = () => unknown;

/** Options of {@link createShutdown}. */
export interface ShutdownOptions {
  api: Server;
  admin: Server;
  logger: Logger;
  /** Set to true the moment shutdown begins; `/readyz` reads it. */
  state: { draining: boolean };
  delayMs: number;
  timeoutMs: number;
  hooks: ShutdownHook[];
  /** Called when draining outlasts `timeoutMs`. */
  onTimeout: () => void;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

/**
 * The shutdown sequence; the returned function starts it (once) and resolves when it is done:
 * readiness off, wait, stop accepting, drain, cleanup hooks, admin server off.
 */
export function createShutdown({
  api,
  admin,
  logger,
  state,
  delayMs,
  timeoutMs,
  hooks,
  onTimeout,
}: ShutdownOptions): () => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  // Prepended: it must see the response before the app can send it.
  api.prependListener('request', (_req, res: ServerResponse) => {
    // A request that slips in on a kept-alive socket while draining closes that socket after.
    if (state.draining) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  async function run(): Promise<void> {
    // 1. Fail readiness at once, so Kubernetes removes the pod from the Service's endpoints.
    state.draining = true;
    logger.info({ delayMs }, 'shutdown started: readiness off');
    // 2. Endpoint removal reaches proxies and load balancers asynchronously; keep serving meanwhile.
    //    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
    await delay(delayMs);
    // 3. Stop accepting; idle keep-alive sockets close now, busy ones after their response.
    const timer = setTimeout(onTimeout, timeoutMs);
    timer.unref();
    const closed = close(api);
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      res.once('close', () => {
        setImmediate(() => {
          api.closeIdleConnections();
        });
      });
    }
    logger.info({ inFlight: inFlight.size }, 'stopped accepting; draining');
    await closed;
    // 4. The service's cleanup hooks, in the order given.
    for (const hook of hooks) await hook();
    // 5. The admin server last, so probes get answers until the end.
    admin.closeAllConnections();
    await close(admin);
    clearTimeout(timer);
    logger.info('shutdown complete');
  }

  let running: Promise<void> | undefined;
  return () => (running ??= run());
}
