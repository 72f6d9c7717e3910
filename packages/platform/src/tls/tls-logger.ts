/** The part of a pino logger the TLS code uses; pass the service's logger. */
export interface TlsLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Used when no logger is given: warnings still reach stderr, as Node process warnings. */
export const processWarningLogger: TlsLogger = {
  info() {
    // Reloads are routine; without a logger they are not worth a line on stderr.
  },
  warn(details, message) {
    process.emitWarning(`${message} ${JSON.stringify(details)}`, 'TlsWarning');
  },
};
