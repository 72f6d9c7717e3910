import { readFileSync } from 'node:fs';
import { createLogger, EX_CONFIG, loadConfig, serve, serveOptions } from '@bulkhead/platform';
import { buildApp } from './app.ts';
import { loadClients } from './clients.ts';
import { configSchema } from './config.ts';
import { SigningKeys } from './signing-keys.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };
const config = loadConfig(configSchema);
const logger = createLogger({
  service: 'auth',
  version,
  level: config.LOG_LEVEL,
  bufferMaxBytes: config.LOG_BUFFER_MAX_BYTES,
});

/** Loads a mounted file; a bad one is bad configuration: one clear line, exit 78, no stack. */
async function mounted<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    logger.fatal((error as Error).message);
    process.exit(EX_CONFIG);
  }
}

const clients = await mounted(() => loadClients(config.CLIENTS_FILE));
const keys = await mounted(() =>
  SigningKeys.open({
    dir: config.JWT_KEYS_DIR,
    activationDelayMs: config.JWT_KEY_ACTIVATION_DELAY_MS,
    warn: (message) => {
      logger.warn(message);
    },
  }),
);

await serve(buildApp({ config, clients, keys, version, logger }), {
  ...serveOptions(config),
  onShutdown: [
    () => {
      keys.close();
    },
  ],
});
