import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { problem, sendProblem } from '../errors/problem.ts';
import { requestIdOf } from '../middleware/request-id.ts';
import { type EventLoopLoad, sampleEventLoop } from './event-loop-load.ts';
import { defaults } from '../config/defaults.ts';

/** Options of {@link loadShedding}. A bound of 0 turns that check off. */
export interface LoadSheddingOptions {
  /** Shed while the longest event-loop delay of the last sample exceeds this; default 500 ms. */
  maxEventLoopDelayMs?: number;
  /** Shed while the event-loop utilisation of the last sample exceeds this (0–1); default off. */
  maxEventLoopUtilization?: number;
  /** How often the loop is measured; default 500 ms. */
  sampleIntervalMs?: number;
  /** The `Retry-After` of a shed request, in seconds; default 5. */
  retryAfterSeconds?: number;
}

interface LoadSheddingDependencies extends LoadSheddingOptions {
  /** Says when shedding starts and stops: one line each, never one per request. */
  logger: Logger;
  /** Gets `http_requests_shed_total`. */
  registry: Registry;
}

/**
 * Answers 503 problem+json with `Retry-After` at once while the event loop is saturated, so an
 * overloaded service stays responsive instead of queueing without limit. It sits right after the
 * request id, before the access log: a shed request costs no log line, only a counter. Sampling
 * starts with the first request, so start-up work is not taken for load; shedding stops at the
 * first calm sample.
 *
 * @example
 * app.use(loadShedding({ logger, registry, maxEventLoopDelayMs: 200 }));
 */
export function loadShedding({
  logger,
  registry,
  maxEventLoopDelayMs = defaults.maxEventLoopDelayMs,
  maxEventLoopUtilization = defaults.maxEventLoopUtilization,
  sampleIntervalMs = 500,
  retryAfterSeconds = 5,
}: LoadSheddingDependencies): RequestHandler {
  const shed = new Counter({
    name: 'http_requests_shed_total',
    help: 'Requests answered 503 because the event loop was saturated',
    registers: [registry],
  });
  let overloaded = false;
  let sampling = false;
  const onSample = (load: EventLoopLoad) => {
    const now =
      (maxEventLoopDelayMs > 0 && load.delayMs > maxEventLoopDelayMs) ||
      (maxEventLoopUtilization > 0 && load.utilization > maxEventLoopUtilization);
    if (now === overloaded) return;
    overloaded = now;
    const fields = {
      eventLoopDelayMs: Math.round(load.delayMs),
      eventLoopUtilization: Number(load.utilization.toFixed(2)),
    };
    if (now) logger.warn(fields, 'overloaded: shedding load');
    else logger.info(fields, 'load back to normal: shedding stopped');
  };
  return function loadShedding(req, res, next) {
    if (!sampling) {
      sampling = true;
      sampleEventLoop(sampleIntervalMs, onSample);
    }
    if (!overloaded) {
      next();
      return;
    }
    shed.inc();
    res.setHeader('Retry-After', String(retryAfterSeconds));
    const detail = 'The service is overloaded; retry later.';
    sendProblem(res, problem(503, detail, { instance: requestIdOf(req) }));
  };
}
