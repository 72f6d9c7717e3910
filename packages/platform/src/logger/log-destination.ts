import { pino } from 'pino';
import { defaults } from '../config/defaults.ts';

/** Options of {@link logDestination}. */
export interface LogDestinationOptions {
  /** File descriptor or path; default 1 (stdout). */
  dest?: number | string;
  /** Most bytes held while the destination is slower than the lines; beyond, lines are dropped. */
  maxBytes?: number;
  /** Bytes gathered before a write; a quiet service's lines go out on the flush timer instead. */
  minBytes?: number;
  /** How often what is gathered is written anyway. */
  flushIntervalMs?: number;
}

/**
 * pino's asynchronous destination (sonic-boom) with a bounded buffer: lines are gathered into
 * writes of `minBytes` (or every `flushIntervalMs`), off the event loop. When the destination
 * cannot keep up, at most `maxBytes` wait; further lines are dropped and sonic-boom emits `drop`
 * (counted by `createApp` in `log_lines_dropped_total`). pino flushes it synchronously on exit.
 *
 * @example
 * const logger = createLogger({ service, version, destination: logDestination({ maxBytes: 1 << 20 }) });
 */
export function logDestination({
  dest = 1,
  maxBytes = defaults.logBufferMaxBytes,
  minBytes = 4096,
  flushIntervalMs = 100,
}: LogDestinationOptions = {}) {
  return pino.destination({
    dest,
    sync: false,
    minLength: minBytes,
    maxLength: maxBytes,
    periodicFlush: flushIntervalMs,
  });
}
