import type { Logger } from '@bulkhead/platform';
import type { Config } from '../config.ts';
import { openDatabase } from './database.ts';
import { NoteStore } from './note-store.ts';

/**
 * The store on `DATABASE_PATH` with the owner quota from the settings. When the file cannot be
 * opened (an unwritable volume, a file from a newer release) it logs one clear line and exits 1,
 * for the orchestrator to restart it.
 */
export function openNoteStore(config: Config, logger: Logger): NoteStore {
  try {
    return new NoteStore(openDatabase(config.DATABASE_PATH), {
      quota: { maxNotes: config.OWNER_MAX_NOTES, maxBytes: config.OWNER_MAX_BYTES },
    });
  } catch (error) {
    logger.fatal({ err: error }, `cannot open the database at ${config.DATABASE_PATH}`);
    process.exit(1);
  }
}
