import { loadConfig, platformConfig } from '@bulkhead/platform';
import { z } from 'zod';

export const notesConfigSchema = z.object({
  ...platformConfig,
  /** Where auth publishes its signing keys, e.g. `https://auth:8443/.well-known/jwks.json`. */
  JWKS_URL: z.url({ protocol: /^https?$/ }),
  JWT_ISSUER: z.string().min(1).default('bulkhead-auth'),
  JWT_AUDIENCE: z.string().min(1).default('bulkhead'),
  /** Clock skew allowed on a token's `exp`, `nbf` and `iat` [requireJwt's default, 30]. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).optional(),
  /** Give up fetching the JWKS after this long [2000]. */
  JWKS_TIMEOUT_MS: z.coerce.number().int().min(1).default(2_000),
  /**
   * Fetch the JWKS again for an unknown `kid` at most this often [30000]. auth publishes a new
   * key `JWT_KEY_ACTIVATION_DELAY_MS` (120 s) before signing with it; keep this well below that.
   */
  JWKS_COOLDOWN_MS: z.coerce.number().int().min(1).default(30_000),
  /** Notes one owner may keep [1000]. */
  OWNER_MAX_NOTES: z.coerce.number().int().min(1).default(1000),
  /** Bytes one owner may store, title, body and tags in UTF-8 [10485760, 10 MiB]. */
  OWNER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 2 ** 20),
  /** The SQLite file; its folder is created if missing. `/var/lib/notes/notes.db` in containers. */
  DATABASE_PATH: z.string().min(1),
});

/** The notes service's settings, validated once at startup. */
export type NotesConfig = z.infer<typeof notesConfigSchema>;

/**
 * Reads and validates the notes settings from `env`; bad settings stop the process (exit 78).
 *
 * @example const config = loadNotesConfig();
 */
export function loadNotesConfig(env?: NodeJS.ProcessEnv): NotesConfig {
  return loadConfig(notesConfigSchema, env);
}
