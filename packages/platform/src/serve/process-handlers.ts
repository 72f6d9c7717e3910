import type { Logger } from 'pino';
import { flushLogsSync } from '../logger/create-logger.ts';

/**
 * SIGTERM and SIGINT start `shutdown` and exit 0 when it is done, 1 when it fails; a second
 * signal exits 1 at once (an impatient operator wins).
 */
export function exitOnSignals(shutdown: () => Promise<void>, logger: Logger): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      logger.warn({ signal }, 'second signal: exiting now');
      flushLogsSync(logger);
      process.exit(1);
    }
    received = true;
    logger.info({ signal }, 'signal received');
    shutdown().then(
      () => {
        flushLogsSync(logger);
        process.exit(0);
      },
      (error: unknown) => {
        logger.fatal({ err: error }, 'shutdown failed');
        flushLogsSync(logger);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * An uncaught exception or unhandled rejection leaves the process in an unknown state: log it
 * as fatal, write out every buffered line synchronously (no callback would run now), exit 1.
 */
export function exitOnFatalErrors(logger: Logger): void {
  const die = (message: string) => (error: unknown) => {
    logger.fatal({ err: error }, message);
    flushLogsSync(logger);
    process.exit(1);
  };
  process.on('uncaughtException', die('uncaught exception'));
  process.on('unhandledRejection', die('unhandled rejection'));
}
