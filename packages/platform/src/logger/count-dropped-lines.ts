import { EventEmitter } from 'node:events';
import { pino, type Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';

/** Options of {@link countDroppedLines}. */
export interface CountDroppedLinesOptions {
  logger: Logger;
  registry: Registry;
  /** At most one warning line per this long. */
  warnIntervalMs?: number;
}

/**
 * Counts the lines the logger's destination dropped because its buffer was full (sonic-boom's
 * `drop` event) in `log_lines_dropped_total`, and says so in a `warn` line at most once per
 * `warnIntervalMs`, once the buffer has drained (a line written while it is full would be
 * dropped too). A destination that never drops leaves the counter at 0.
 */
export function countDroppedLines({
  logger,
  registry,
  warnIntervalMs = 10_000,
}: CountDroppedLinesOptions): void {
  const counter = new Counter({
    name: 'log_lines_dropped_total',
    help: 'Log lines dropped because the log destination could not keep up',
    registers: [registry],
  });
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  if (!(stream instanceof EventEmitter)) return;
  let unreported = 0;
  let warnedAt = -Infinity;
  stream.on('drop', () => {
    counter.inc();
    unreported++;
  });
  stream.on('drain', () => {
    if (unreported === 0 || Date.now() - warnedAt < warnIntervalMs) return;
    warnedAt = Date.now();
    logger.warn(
      { dropped: unreported },
      'log lines dropped: the log destination could not keep up',
    );
    unreported = 0;
  });
}
