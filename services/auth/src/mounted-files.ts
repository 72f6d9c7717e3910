import { EX_CONFIG, type Logger } from '@bulkhead/platform';
import { loadClients, type Client } from './clients.ts';
import type { Config } from './config.ts';
import { SigningKeys } from './signing-keys.ts';

/** What auth reads from its mounted Secrets: the registered clients and the signing keys. */
export interface MountedFiles {
  clients: ReadonlyMap<string, Client>;
  keys: SigningKeys;
}

/**
 * Reads the clients file and opens (and watches) the signing keys folder. A bad file is bad
 * configuration: one clear line naming it, exit 78, no stack.
 */
export async function openMountedFiles(config: Config, logger: Logger): Promise<MountedFiles> {
  try {
    const clients = await loadClients(config.CLIENTS_FILE);
    const keys = await SigningKeys.open({
      dir: config.JWT_KEYS_DIR,
      activationDelayMs: config.JWT_KEY_ACTIVATION_DELAY_MS,
      warn: (message) => {
        logger.warn(message);
      },
    });
    return { clients, keys };
  } catch (error) {
    logger.fatal((error as Error).message);
    process.exit(EX_CONFIG);
  }
}
