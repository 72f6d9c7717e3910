import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import { finalStatus } from './response-status.ts';
import { routeTemplate } from './route-template.ts';

const redundantTotals = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Options of {@link metrics}. */
export interface MetricsOptions {
  /** The app's own registry (never prom-client's global one). */
  registry: Registry;
  /** Histogram buckets in seconds. */
  buckets?: number[];
}

/**
 * Records `http_request_duration_seconds{method,route,status_code}` (route is the template or
 * `unmatched`; status 499 when the client went away before the answer was complete),
 * `http_requests_in_flight`, and prom-client's default process metrics on `registry`.
 */
export function metrics({
  registry,
  buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
}: MetricsOptions): RequestHandler {
  collectDefaultMetrics({ register: registry });
  // Three default gauges end in `_total`, a suffix Prometheus keeps for counters (promtool flags
  // them); each only sums its labelled twin: sum without (type) (nodejs_active_handles).
  for (const sum of redundantTotals) registry.removeSingleMetric(sum);
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being served',
    registers: [registry],
  });
  // One labelled child per method, route template and status, made once: prom-client would
  // otherwise sort and hash the label object on every observation. Bounded: Node parses only
  // known methods, routes are templates (or `unmatched`), statuses are few.
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  const childFor = (method: string, route: string, status: number) => {
    const key = `${method} ${String(status)} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({ method, route, status_code: status });
      children.set(key, child);
    }
    return child;
  };
  return function metrics(req, res, next) {
    inFlight.inc();
    const started = performance.now();
    res.once('close', () => {
      inFlight.dec();
      const child = childFor(req.method, routeTemplate(req), finalStatus(res));
      child.observe((performance.now() - started) / 1000);
    });
    next();
  };
}
