import { loadConfig, platformConfig } from '@bulkhead/platform';
import { z } from 'zod';

const notesConfigSchema = z.object({
  ...platformConfig,
  /** Where auth publishes its signing keys, e.g. `https://auth:8443/.well-known/jwks.json`. */
  JWKS_URL: z.url({ protocol: /^https?$/ }),
  JWT_ISSUER: z.string().min(1).default('bulkhead-auth'),
  JWT_AUDIENCE: z.string().min(1).default('bulkhead'),
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
