import { pino, type DestinationStream, type Logger } from 'pino';
import { defaults } from '../config/defaults.ts';
import { logDestination } from './log-destination.ts';
import { redactSecrets } from './redact-secrets.ts';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  service: string;
  version: string;
  /** pino level; default `info`. */
  level?: string;
  /** Bound of the default destination's buffer (`LOG_BUFFER_MAX_BYTES`); default 8 MiB. */
  bufferMaxBytes?: number;
  /** Where lines go; default {@link logDestination} on stdout. */
  destination?: DestinationStream;
}

/**
 * A pino logger that stamps `service` and `version` on every line and censors secret-looking
 * fields. It writes to stdout asynchronously through a bounded buffer: when stdout is slower than
 * the lines, memory stays under `bufferMaxBytes` and the excess is dropped and counted, never
 * buffered without limit.
 *
 * @example
 * const logger = createLogger({ service: 'notes', version: '1.0.0', level: config.LOG_LEVEL });
 */
export function createLogger({
  service,
  version,
  level = defaults.logLevel,
  bufferMaxBytes = defaults.logBufferMaxBytes,
  destination = logDestination({ maxBytes: bufferMaxBytes }),
}: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service, version },
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/**
 * Writes whatever the logger's destination still holds, synchronously: for the moments before
 * `process.exit`, when no callback would run. Safe on any destination.
 */
export function flushLogsSync(logger: Logger): void {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as
    { flushSync?: () => void } | undefined;
  try {
    stream?.flushSync?.();
  } catch {
    // Not open yet, or already closed: nothing more can be written.
  }
}
