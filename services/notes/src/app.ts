import { createApp, type CreateAppOptions } from '@bulkhead/platform';
import type { Express } from 'express';
import { notesRoutes, type NotesRoutesOptions } from './routes.ts';

/**
 * What the notes app is built from: the store, how to verify tokens, and any `createApp` options
 * (`appOptions(config)` in production; tests pass a temp-file store, a local key set, `silent`).
 */
export interface NotesAppOptions
  extends NotesRoutesOptions, Partial<Omit<CreateAppOptions, 'service' | 'routes'>> {}

/**
 * The notes service as an Express app: the platform's default chain, then the notes routes.
 *
 * @example const app = createNotesApp({ store, jwt: { keys, issuer, audience } });
 */
export function createNotesApp({
  store,
  jwt,
  version = '0.1.0',
  ...options
}: NotesAppOptions): Express {
  return createApp({ ...options, service: 'notes', version, routes: notesRoutes({ store, jwt }) });
}
