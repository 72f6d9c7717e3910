import { readFileSync } from 'node:fs';
import {
  appOptions,
  createLogger,
  createMtlsDispatcher,
  remoteJwks,
  serve,
  serveOptions,
} from '@bulkhead/platform';
import { createNotesApp } from './app.ts';
import { loadNotesConfig } from './config.ts';
import { openDatabase } from './store/database.ts';
import { NoteStore } from './store/note-store.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };
const config = loadNotesConfig();
const logger = createLogger({
  service: 'notes',
  version,
  level: config.LOG_LEVEL,
  bufferMaxBytes: config.LOG_BUFFER_MAX_BYTES,
});

let store: NoteStore;
try {
  const { OWNER_MAX_NOTES: maxNotes, OWNER_MAX_BYTES: maxBytes } = config;
  store = new NoteStore(openDatabase(config.DATABASE_PATH), {
    quota: { ...(maxNotes && { maxNotes }), ...(maxBytes && { maxBytes }) },
  });
} catch (error) {
  // Unwritable volume, a file from a newer release: one clear line; the orchestrator restarts us.
  logger.fatal({ err: error }, `cannot open the database at ${config.DATABASE_PATH}`);
  process.exit(1);
}

// auth only answers clients with a certificate from the internal CA, so the JWKS fetch presents
// ours; without certificate files (a plain `npm start`) it is a plain fetch.
const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, TLS_CA_FILE: caFile } = config;
const dispatcher =
  certFile && keyFile && caFile
    ? await createMtlsDispatcher({
        certFile,
        keyFile,
        caFile,
        connectTimeoutMs: 2000,
        headersTimeoutMs: 5000,
        bodyTimeoutMs: 5000,
        logger,
      })
    : undefined;
const keys = remoteJwks({
  url: config.JWKS_URL,
  dispatcher,
  timeoutMs: config.JWKS_TIMEOUT_MS,
  cooldownMs: config.JWKS_COOLDOWN_MS,
});

const app = createNotesApp({
  store,
  jwt: {
    keys,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
  },
  version,
  ...appOptions(config),
  logger,
});
await serve(app, {
  ...serveOptions(config),
  readiness: { database: () => store.ping() },
  onShutdown: [
    () => {
      store.close();
    },
    async () => {
      await dispatcher?.close();
    },
  ],
});
