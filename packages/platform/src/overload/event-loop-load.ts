import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** How busy the event loop was during one sample. */
export interface EventLoopLoad {
  /** The longest wait the loop imposed (ms); `Infinity` when it never came round to measure. */
  delayMs: number;
  /** Share of the sample the loop spent working, 0 to 1. */
  utilization: number;
}

const RESOLUTION_MS = 10;

/**
 * Measures the event loop every `intervalMs` and hands each sample to `onSample`, the way
 * @fastify/under-pressure does: an event-loop delay histogram (reset per sample, its own
 * timer interval subtracted) and `performance.eventLoopUtilization()` deltas. The timer is
 * unref'd, so it never keeps the process alive. Returns a function that stops sampling.
 *
 * @example
 * const stop = sampleEventLoop(500, ({ delayMs }) => console.log(delayMs));
 */
export function sampleEventLoop(
  intervalMs: number,
  onSample: (load: EventLoopLoad) => void,
): () => void {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    // The maximum, not the mean: one tick is recorded per turn of the loop, so a mean counts a
    // 1 s stall once and each idle 10 ms forty times over.
    const delayMs =
      histogram.count === 0 ? Infinity : Math.max(0, histogram.max / 1e6 - RESOLUTION_MS);
    histogram.reset();
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    onSample({ delayMs, utilization });
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
