import { platformConfig, verifierConfig } from '@bulkhead/platform';
import { z } from 'zod';
import { defaultQuota } from './store/note-store.ts';

/** The shared keys, the token verifier's, and notes' own (defaults in brackets). */
export const configSchema = z.object({
  ...platformConfig,
  ...verifierConfig,
  /** Notes one owner may keep [1000]. */
  OWNER_MAX_NOTES: z.coerce.number().int().min(1).default(defaultQuota.maxNotes),
  /** Bytes one owner may store, title, body and tags in UTF-8 [10485760, 10 MiB]. */
  OWNER_MAX_BYTES: z.coerce.number().int().min(1).default(defaultQuota.maxBytes),
  /** The SQLite file; its folder is created if missing. `/var/lib/notes/notes.db` in containers. */
  DATABASE_PATH: z.string().min(1),
});

/** The notes service's settings, validated once at startup. */
export type Config = z.infer<typeof configSchema>;
