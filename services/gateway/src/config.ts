import { loadConfig, platformConfig } from '@bulkhead/platform';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const count = z.coerce.number().int().min(1);
const milliseconds = z.coerce.number().int().min(1);

/** An origin as a browser sends it in `Origin`: scheme, host, port; no path. */
const origin = z
  .string()
  .refine((value) => URL.canParse(value) && new URL(value).origin === value, {
    error: 'expected an origin like https://app.example.com',
  });

/**
 * The gateway's settings: the shared platform keys plus these (defaults in brackets). Every URL
 * defaults to the Kubernetes name of the service it points at.
 */
export const gatewayConfigSchema = z.object({
  ...platformConfig,
  /** Where `/v1/notes*` goes [https://notes.bulkhead-notes.svc:8443]. */
  NOTES_URL: url.default('https://notes.bulkhead-notes.svc:8443'),
  /** Where `/v1/token` and `/.well-known/jwks.json` go [https://auth.bulkhead-auth.svc:8443]. */
  AUTH_URL: url.default('https://auth.bulkhead-auth.svc:8443'),
  /** Keys tokens are verified with [https://auth.bulkhead-auth.svc:8443/.well-known/jwks.json] */
  JWKS_URL: url.default('https://auth.bulkhead-auth.svc:8443/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('bulkhead-auth'),
  JWT_AUDIENCE: z.string().min(1).default('bulkhead'),
  /** Clock skew allowed on a token's `exp`, `nbf` and `iat` [requireJwt's default, 30]. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
  /** Give up fetching the JWKS after this long [2000]. */
  JWKS_TIMEOUT_MS: milliseconds.default(2_000),
  /** Fetch the JWKS again for an unknown `kid` at most this often [30000]. */
  JWKS_COOLDOWN_MS: milliseconds.default(30_000),
  /** Comma-separated origins allowed to call from a browser; CORS is off when unset. */
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin).min(1))
    .optional(),
  /** The rate-limit window [60000]. */
  RATE_LIMIT_WINDOW_MS: milliseconds.default(60_000),
  /** API requests per token subject and window [300]. */
  RATE_LIMIT_API: count.default(300),
  /** Token requests per client IP and window [30]. */
  RATE_LIMIT_TOKEN: count.default(30),
  /** TCP + TLS handshake with an upstream [2000]. */
  UPSTREAM_CONNECT_TIMEOUT_MS: milliseconds.default(2_000),
  /** From request sent to response headers [5000]; undici checks it about once a second. */
  UPSTREAM_HEADERS_TIMEOUT_MS: milliseconds.default(5_000),
  /** Longest silence inside a response body [10000]. */
  UPSTREAM_BODY_TIMEOUT_MS: milliseconds.default(10_000),
  /** Requests in flight per upstream; beyond, 503 at once [64]. */
  UPSTREAM_MAX_CONCURRENT: count.default(64),
  /** Of those, what one client (token subject, or address on /v1/token) may hold; beyond, 429 [16]. */
  UPSTREAM_MAX_PER_CLIENT: count.default(16),
  /** A request body must arrive whole within this long before it takes an upstream slot; 408 after [10000]. */
  REQUEST_BODY_TIMEOUT_MS: milliseconds.default(10_000),
  /** Consecutive failures that open an upstream's circuit [5]. */
  CIRCUIT_FAILURE_THRESHOLD: count.default(5),
  /** How long an open circuit answers 503 before one probe [10000]. */
  CIRCUIT_RESET_MS: milliseconds.default(10_000),
});

/** The gateway's parsed settings. */
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Reads and checks the settings from `env`; bad settings exit 78 naming every bad key. */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env);
}
