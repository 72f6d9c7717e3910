import type { RequestListener, Server } from 'node:http';
import { createTerminus, HealthCheckError } from '@godaddy/terminus';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { problem, sendProblem } from '../errors/problem.ts';
import { runReadiness, type ReadinessCheck } from './readiness.ts';

/** Options of {@link createAdminServer}. */
export interface AdminServerOptions {
  registry: Registry;
  readiness: Record<string, ReadinessCheck>;
  readinessTimeoutMs: number;
  /** True once shutdown began: `/readyz` then answers 503 while `/livez` stays 200. */
  isDraining: () => boolean;
  logger: Logger;
  /** Makes the server for the admin handler: HTTP, or HTTPS with the API's certificate. */
  serverFor: (listener: RequestListener) => Server;
}

/**
 * The admin server: `/livez` (the process is alive), `/readyz` (send it traffic) and `/metrics`
 * (Prometheus). Health answers come from @godaddy/terminus; nothing else may import it.
 */
export function createAdminServer({
  registry,
  readiness,
  readinessTimeoutMs,
  isDraining,
  logger,
  serverFor,
}: AdminServerOptions): Server {
  const server = serverFor((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      sendProblem(res, problem(404, 'The admin server serves /livez, /readyz and /metrics.'));
      return;
    }
    registry.metrics().then(
      (text) => {
        res.setHeader('Content-Type', registry.contentType);
        res.end(text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'metrics collection failed');
        sendProblem(res, problem(500, 'Metrics could not be collected.'));
      },
    );
  });
  const trapsBefore = process.listeners('SIGTERM');
  createTerminus(server, {
    healthChecks: {
      '/livez': () => Promise.resolve(),
      '/readyz': () => {
        if (isDraining()) throw new HealthCheckError('draining', { shutdown: 'draining' });
        return runReadiness(readiness, readinessTimeoutMs, logger);
      },
    },
    // /readyz reports draining itself; /livez must stay 200 until the process exits.
    sendFailuresDuringShutdown: false,
  });
  // terminus always traps SIGTERM to run its own shutdown; serve() owns shutdown, so undo that.
  for (const listener of process.listeners('SIGTERM')) {
    if (!trapsBefore.includes(listener)) process.removeListener('SIGTERM', listener);
  }
  return server;
}
