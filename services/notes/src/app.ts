import {
  appOptions,
  createApp,
  type CreateAppOptions,
  type PlatformApp,
  type RequireJwtOptions,
} from '@bulkhead/platform';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import { notesRoutes } from './routes.ts';
import type { NoteStore } from './store/note-store.ts';

/** What the notes app is built from besides its settings; tests pass a temp-file store and local keys. */
export interface NotesDeps {
  store: NoteStore;
  /** How bearer tokens are verified: `verifierOptions(config, dispatcher)` in production. */
  jwt: RequireJwtOptions;
  logger?: CreateAppOptions['logger'];
}

/**
 * The notes service as an app: the platform's default chain, then the notes routes.
 *
 * @example const app = createNotesApp(config, { store, jwt: verifierOptions(config, dispatcher) });
 */
export function createNotesApp(config: Config, { store, jwt, logger }: NotesDeps): PlatformApp {
  return createApp({
    service: 'notes',
    version: packageJson.version,
    routes: notesRoutes({ store, jwt }),
    ...appOptions(config),
    ...(logger && { logger }),
  });
}
