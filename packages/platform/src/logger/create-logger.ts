import { pino, type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.ts';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  service: string;
  version: string;
  /** pino level; default `info`. */
  level?: string;
  /** Where lines go; default synchronous stdout. */
  destination?: DestinationStream;
}

/**
 * A pino logger that stamps `service` and `version` on every line and censors secret-looking
 * fields. It writes synchronously to stdout: pino's async destination buffers without bound
 * when stdout is slower than the request rate, so under overload memory, not latency, would grow.
 *
 * @example
 * const logger = createLogger({ service: 'notes', version: '1.0.0', level: config.LOG_LEVEL });
 */
export function createLogger({
  service,
  version,
  level = 'info',
  destination = pino.destination({ dest: 1, sync: true }),
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
