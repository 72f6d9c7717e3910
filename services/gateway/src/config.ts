import { defaults, platformConfig, verifierConfig } from '@bulkhead/platform';
import { z } from 'zod';
import { breakerDefaults } from './upstream/circuit-breaker.ts';
import { upstreamDefaults } from './upstream/upstream.ts';

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
 * The gateway's settings: the shared platform keys, the token verifier's, and these (defaults in
 * brackets). Every URL defaults to the Kubernetes name of the service it points at.
 */
export const configSchema = z.object({
  ...platformConfig,
  ...verifierConfig,
  /** Where `/v1/notes*` goes [https://notes.bulkhead-notes.svc:8443]. */
  NOTES_URL: url.default('https://notes.bulkhead-notes.svc:8443'),
  /** Where `/v1/token` and `/.well-known/jwks.json` go [https://auth.bulkhead-auth.svc:8443]. */
  AUTH_URL: url.default('https://auth.bulkhead-auth.svc:8443'),
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
  UPSTREAM_CONNECT_TIMEOUT_MS: milliseconds.default(defaults.peerConnectTimeoutMs),
  /** From request sent to response headers [5000]; undici checks it about once a second. */
  UPSTREAM_HEADERS_TIMEOUT_MS: milliseconds.default(upstreamDefaults.headersTimeoutMs),
  /** Longest silence inside a response body [10000]. */
  UPSTREAM_BODY_TIMEOUT_MS: milliseconds.default(upstreamDefaults.bodyTimeoutMs),
  /** Requests in flight per upstream; beyond, 503 at once [64]. */
  UPSTREAM_MAX_CONCURRENT: count.default(upstreamDefaults.maxConcurrent),
  /** Of those, what one client (token subject, or address on /v1/token) may hold; beyond, 429 [16]. */
  UPSTREAM_MAX_PER_CLIENT: count.default(upstreamDefaults.maxPerClient),
  /** A request body must arrive whole within this long before it takes an upstream slot; 408 after [10000]. */
  REQUEST_BODY_TIMEOUT_MS: milliseconds.default(upstreamDefaults.requestBodyTimeoutMs),
  /** Consecutive failures that open an upstream's circuit [5]. */
  CIRCUIT_FAILURE_THRESHOLD: count.default(breakerDefaults.failureThreshold),
  /** How long an open circuit answers 503 before one probe [10000]. */
  CIRCUIT_RESET_MS: milliseconds.default(breakerDefaults.resetTimeoutMs),
});

/** The gateway's parsed settings. */
export type Config = z.infer<typeof configSchema>;
