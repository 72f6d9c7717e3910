import type { Logger } from 'pino';

/** Options of {@link summarizedWarnings}. */
export interface SummarizedWarningsOptions {
  logger: Pick<Logger, 'warn'>;
  /** One line per key in this long; the rest are counted and summed up once it passes. */
  everyMs?: number;
  /** Keys tracked at once; a key beyond is logged at once, never dropped. */
  maxKeys?: number;
  now?: () => number;
}

/** Warns once per key and window, then says how many more there were. */
export interface SummarizedWarnings {
  warn(key: string, details: object, message: string): void;
}

/**
 * For warnings a hostile or broken client can cause at will (a scan's failed handshakes, a
 * flood's 503s): the first of a kind is logged at once, later ones in the window are counted, and
 * when the window has passed one line says how many (`repeated`). The log stays readable, and the
 * bounded log buffer never has to drop lines for them.
 * @example const warnings = summarizedWarnings({ logger }); warnings.warn(code, { code }, 'TLS handshake failed');
 */
export function summarizedWarnings({
  logger,
  everyMs = 10_000,
  maxKeys = 1000,
  now = Date.now,
}: SummarizedWarningsOptions): SummarizedWarnings {
  const windows = new Map<
    string,
    { startedAt: number; repeated: number; details: object; message: string }
  >();
  const close = (key: string, window: { repeated: number; details: object; message: string }) => {
    windows.delete(key);
    if (window.repeated > 0) {
      logger.warn(
        { ...window.details, repeated: window.repeated, inLastMs: everyMs },
        `${window.message} (repeated)`,
      );
    }
  };
  const sweep = setInterval(() => {
    for (const [key, window] of windows)
      if (now() - window.startedAt >= everyMs) close(key, window);
  }, everyMs);
  sweep.unref();
  return {
    warn(key, details, message) {
      const window = windows.get(key);
      if (window !== undefined && now() - window.startedAt < everyMs) {
        window.repeated += 1;
        return;
      }
      if (window !== undefined) close(key, window);
      logger.warn(details, message);
      if (windows.size < maxKeys)
        windows.set(key, { startedAt: now(), repeated: 0, details, message });
    },
  };
}
