import { loadConfig, serve, serveOptions } from '@bulkhead/platform';
import { buildApp } from './app.ts';
import { configSchema } from './config.ts';

const config = loadConfig(configSchema);
await serve(buildApp(config), serveOptions(config));
