import {
  createLogger,
  loadConfig,
  loggerOptions,
  outboundDispatcher,
  serve,
  serveOptions,
  verifierOptions,
} from '@bulkhead/platform';
import packageJson from '../package.json' with { type: 'json' };
import { createNotesApp } from './app.ts';
import { configSchema } from './config.ts';
import { openNoteStore } from './store/open-note-store.ts';

const config = loadConfig(configSchema);
const logger = createLogger({
  service: 'notes',
  version: packageJson.version,
  ...loggerOptions(config),
});
const store = openNoteStore(config, logger);
// auth asks for a client certificate, so the JWKS fetch presents ours.
const dispatcher = await outboundDispatcher(config, { logger });
const app = createNotesApp(config, { store, jwt: verifierOptions(config, dispatcher), logger });

await serve(app, {
  ...serveOptions(config),
  readiness: { database: () => store.ping() },
  onShutdown: [
    () => {
      store.close();
    },
    () => dispatcher.close(),
  ],
});
