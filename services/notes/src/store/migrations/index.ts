import { createNotes } from './0001-create-notes.ts';
import { trackOwnerUsage } from './0002-track-owner-usage.ts';

/**
 * The schema, one step at a time, oldest first. Append only: a released step never changes, and
 * the database's `PRAGMA user_version` is the number of steps applied.
 */
export const migrations: readonly string[] = [createNotes, trackOwnerUsage];
