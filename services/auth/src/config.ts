import { bodySize, platformConfig, tokenConfig } from '@bulkhead/platform';
import { z } from 'zod';

/** The shared keys, what tokens say, and auth's own; the defaults are the paths the containers mount. */
export const configSchema = z.object({
  ...platformConfig,
  ...tokenConfig,
  /** A token request is a short form; anything near the shared 100 kB is not one [10kb]. */
  BODY_LIMIT: bodySize('10kb'),
  /** A directory of `<kid>.pem` ES256 keys; the kid that sorts last signs. */
  JWT_KEYS_DIR: z.string().min(1).default('/etc/bulkhead/jwt-keys'),
  /**
   * How long a key file added at run time is published in the JWKS before it signs [120000].
   * Longer than the verifiers' JWKS cool-down (30 s) plus the time kubelet takes to put an updated
   * Secret on every auth replica (about a minute), so no verifier meets a kid it cannot fetch yet.
   * Keys present at startup sign at once.
   */
  JWT_KEY_ACTIVATION_DELAY_MS: z.coerce.number().int().min(0).default(120_000),
  CLIENTS_FILE: z.string().min(1).default('/etc/bulkhead/clients/clients.json'),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
  /** Secret checks (one scrypt each, ~150 ms and 32 MiB) running at once [2]. */
  SECRET_CHECKS_CONCURRENT: z.coerce.number().int().min(1).default(2),
  /** Secret checks waiting for a slot; beyond, 503 + Retry-After [16]. */
  SECRET_CHECKS_QUEUED: z.coerce.number().int().min(0).default(16),
});

/** auth's settings, validated once at startup. */
export type Config = z.infer<typeof configSchema>;
