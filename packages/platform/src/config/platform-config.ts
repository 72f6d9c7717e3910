import bytes from 'bytes';
import { z } from 'zod';
import { trustProxySchema } from './trust-proxy.ts';

const port = z.coerce.number().int().min(0).max(65535);
const milliseconds = z.coerce.number().int().min(0);
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/**
 * The configuration keys every service shares. Spread it into the service's own schema.
 *
 * @example
 * const schema = z.object({ ...platformConfig, DATABASE_PATH: z.string() });
 */
export const platformConfig = {
  PORT: port.default(8443),
  ADMIN_PORT: port.default(9090),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Most bytes of log lines held while stdout is slower than the service (8 MiB); lines beyond
   * are dropped and counted in `log_lines_dropped_total`.
   */
  LOG_BUFFER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(65536)
    .default(8 * 1024 * 1024),
  TRUST_PROXY: trustProxySchema,
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** The CA bundle that signs peers' certificates. */
  TLS_CA_FILE: z.string().optional(),
  /** Comma-separated DNS names; when set, client certificates are required and checked. */
  MTLS_ALLOWED_CLIENTS: commaList.optional(),
  SHUTDOWN_DELAY_MS: milliseconds.default(5000),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(10000),
  /** Time to receive a request's headers (10 s, as Apache's mod_reqtimeout gives them). */
  HEADERS_TIMEOUT_MS: milliseconds.default(10000),
  REQUEST_TIMEOUT_MS: milliseconds.default(60000),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds.default(65000),
  /** How often the header and request timeouts are checked. */
  CONNECTIONS_CHECKING_INTERVAL_MS: z.coerce.number().int().min(1).default(1000),
  TLS_HANDSHAKE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
  /** `off` turns load shedding off (said on the startup line). */
  OVERLOAD_SHEDDING: z.enum(['on', 'off']).default('on'),
  /** Longest event-loop delay (ms) before requests are shed; 0 turns this check off. */
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: milliseconds.default(500),
  /** Event-loop utilisation (0–1) above which requests are shed; 0 (default) turns it off. */
  OVERLOAD_MAX_ELU: z.coerce.number().min(0).max(1).default(0),
  MAX_HEADER_SIZE: z.coerce.number().int().min(1024).default(16384),
  /** Open connections the API server holds at once (1024); beyond, new ones are closed at once. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1024),
  /** Largest request body, e.g. `100kb`, `1mb`, `512`; parsed to bytes as body-parser counts them. */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'expected a size like 100kb')
    .default('100kb')
    .transform((size) => bytes.parse(size) ?? 0),
};

/** The parsed shared keys; a service's config type extends it. */
export type PlatformConfig = z.output<z.ZodObject<typeof platformConfig>>;
