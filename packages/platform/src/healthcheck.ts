// The container's HEALTHCHECK (`node /app/packages/platform/dist/healthcheck.js`): asks the admin
// server's /livez, over HTTPS when the service has TLS files, trusting only the service's CA and
// checking the certificate's `localhost` name. Exits 0 when alive, 1 otherwise. A program, not
// an export: the image has no curl or wget to do this.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadConfig } from './config/load-config.ts';
import { platformConfig } from './config/platform-config.ts';

const { ADMIN_PORT, TLS_CERT_FILE, TLS_CA_FILE } = loadConfig(
  z.object({
    ADMIN_PORT: platformConfig.ADMIN_PORT,
    TLS_CERT_FILE: platformConfig.TLS_CERT_FILE,
    TLS_CA_FILE: platformConfig.TLS_CA_FILE,
  }),
);

const options = { host: '127.0.0.1', port: ADMIN_PORT, path: '/livez', timeout: 2000 };
const request = TLS_CERT_FILE
  ? httpsGet({
      ...options,
      servername: 'localhost',
      ...(TLS_CA_FILE ? { ca: readFileSync(TLS_CA_FILE) } : {}),
    })
  : httpGet(options);

request.on('response', (response) => {
  response.resume();
  process.exitCode = response.statusCode === 200 ? 0 : 1;
});
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  console.error(`healthcheck: ${error.message}`);
  process.exitCode = 1;
});
