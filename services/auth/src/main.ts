import { createLogger, loadConfig, loggerOptions, serve, serveOptions } from '@bulkhead/platform';
import packageJson from '../package.json' with { type: 'json' };
import { createAuthApp } from './app.ts';
import { configSchema } from './config.ts';
import { openMountedFiles } from './mounted-files.ts';

const config = loadConfig(configSchema);
const logger = createLogger({
  service: 'auth',
  version: packageJson.version,
  ...loggerOptions(config),
});
const files = await openMountedFiles(config, logger);
const app = createAuthApp(config, { ...files, logger });

await serve(app, {
  ...serveOptions(config),
  onShutdown: [
    () => {
      files.keys.close();
    },
  ],
});
