import { loadConfig, serve, serveOptions } from '@bulkhead/platform';
import { createHelloApp } from './app.ts';
import { configSchema } from './config.ts';

const config = loadConfig(configSchema);
await serve(createHelloApp(config), serveOptions(config));
