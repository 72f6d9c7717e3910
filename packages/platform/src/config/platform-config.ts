import bytes from 'bytes';
import { z } from 'zod';
import { defaults } from './defaults.ts';
import { trustProxySchema } from './trust-proxy.ts';

const port = z.coerce.number().int().min(0).max(65535);
const milliseconds = z.coerce.number().int().min(0);
const positiveMilliseconds = z.coerce.number().int().min(1);
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/**
 * A size setting like `100kb`, `1mb` or `512`, parsed to bytes as body-parser counts them; a
 * service whose bodies are smaller sets its own default, e.g. `BODY_LIMIT: bodySize('10kb')`.
 */
export function bodySize(fallback: string) {
  return z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'expected a size like 100kb')
    .default(fallback)
    .transform((size) => bytes.parse(size) ?? 0);
}

/**
 * The configuration keys every service shares. Spread it into the service's own schema.
 *
 * @example
 * const schema = z.object({ ...platformConfig, DATABASE_PATH: z.string() });
 */
export const platformConfig = {
  PORT: port.default(defaults.port),
  ADMIN_PORT: port.default(defaults.adminPort),
  HOST: z.string().default(defaults.host),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default(defaults.logLevel),
  /**
   * Most bytes of log lines held while stdout is slower than the service (8 MiB); lines beyond
   * are dropped and counted in `log_lines_dropped_total`.
   */
  LOG_BUFFER_MAX_BYTES: z.coerce.number().int().min(65536).default(defaults.logBufferMaxBytes),
  TRUST_PROXY: trustProxySchema,
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** The CA bundle that signs peers' certificates. */
  TLS_CA_FILE: z.string().optional(),
  /** Comma-separated DNS names; when set, client certificates are required and checked. */
  MTLS_ALLOWED_CLIENTS: commaList.optional(),
  SHUTDOWN_DELAY_MS: milliseconds.default(defaults.shutdownDelayMs),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(defaults.shutdownTimeoutMs),
  /** Time to receive a request's headers (10 s, as Apache's mod_reqtimeout gives them). */
  HEADERS_TIMEOUT_MS: milliseconds.default(defaults.headersTimeoutMs),
  REQUEST_TIMEOUT_MS: milliseconds.default(defaults.requestTimeoutMs),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds.default(defaults.keepAliveTimeoutMs),
  /** How often the header and request timeouts are checked. */
  CONNECTIONS_CHECKING_INTERVAL_MS: positiveMilliseconds.default(
    defaults.connectionsCheckingIntervalMs,
  ),
  TLS_HANDSHAKE_TIMEOUT_MS: positiveMilliseconds.default(defaults.tlsHandshakeTimeoutMs),
  /** `off` turns load shedding off (said on the startup line). */
  OVERLOAD_SHEDDING: z.enum(['on', 'off']).default('on'),
  /** Longest event-loop delay (ms) before requests are shed; 0 turns this check off. */
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: milliseconds.default(defaults.maxEventLoopDelayMs),
  /** Event-loop utilisation (0–1) above which requests are shed; 0 (default) turns it off. */
  OVERLOAD_MAX_ELU: z.coerce.number().min(0).max(1).default(defaults.maxEventLoopUtilization),
  MAX_HEADER_SIZE: z.coerce.number().int().min(1024).default(defaults.maxHeaderSize),
  /** Open connections the API server holds at once (1024); beyond, new ones are closed at once. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(defaults.maxConnections),
  /** Largest request body, e.g. `100kb`, `1mb`, `512`; parsed to bytes as body-parser counts them. */
  BODY_LIMIT: bodySize(defaults.bodyLimit),
};

/** The parsed shared keys; a service's config type extends it. */
export type PlatformConfig = z.output<z.ZodObject<typeof platformConfig>>;

/** What access tokens say of who signed them and for whom: auth signs with these, verifiers check them. */
export const tokenConfig = {
  JWT_ISSUER: z.string().min(1).default(defaults.tokenIssuer),
  JWT_AUDIENCE: z.string().min(1).default(defaults.tokenAudience),
};

/**
 * The keys of a service that verifies bearer tokens; {@link verifierOptions} turns them into
 * `requireJwt`'s options.
 *
 * @example
 * const configSchema = z.object({ ...platformConfig, ...verifierConfig });
 */
export const verifierConfig = {
  ...tokenConfig,
  /** Where auth publishes its signing keys. */
  JWKS_URL: z.url({ protocol: /^https?$/ }).default(defaults.jwksUrl),
  /** Clock skew allowed on a token's `exp`, `nbf` and `iat`. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(defaults.jwtClockToleranceSeconds),
  /** Give up fetching the JWKS after this long. */
  JWKS_TIMEOUT_MS: positiveMilliseconds.default(defaults.jwksTimeoutMs),
  /**
   * Fetch the JWKS again for an unknown `kid` at most this often. auth publishes a new key
   * `JWT_KEY_ACTIVATION_DELAY_MS` (120 s) before signing with it; keep this well below that.
   */
  JWKS_COOLDOWN_MS: positiveMilliseconds.default(defaults.jwksCooldownMs),
};

/** The parsed verifier keys. */
export type VerifierConfig = z.output<z.ZodObject<typeof verifierConfig>>;
