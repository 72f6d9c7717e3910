import type { IncomingHttpHeaders } from 'node:http';
import { createLogger, parseConfig, verifierOptions } from '@bulkhead/platform';
import { Agent } from 'undici';
import { onTestFinished } from 'vitest';
import { createGatewayApp } from '../../src/app.ts';
import { configSchema } from '../../src/config.ts';
import { httpServer } from './servers.ts';
import { testIssuer } from './tokens.ts';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a {@link recordingUpstream} answers to every request. */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A real upstream on port 0 that records each request; by default it answers 200 with
 * `{ upstream: name }` and an ETag.
 */
export async function recordingUpstream(
  name: string,
  { status = 200, headers = {}, body = JSON.stringify({ upstream: name }) }: Answer = {},
) {
  const seen: Seen[] = [];
  const url = await httpServer((req, res) => {
    let received = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (received += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: received,
      });
      res.writeHead(status, { 'content-type': 'application/json', etag: '"1"', ...headers });
      res.end(body);
    });
  });
  return { url, seen };
}

/**
 * The gateway app wired as in production but over plain HTTP: real notes and auth upstreams on
 * port 0, a real ES256 issuer with its JWKS server, and `env` on top of the defaults. `logs`
 * holds every log line the app writes (at `LOG_LEVEL`, info unless `env` says otherwise).
 */
export async function testGateway(env: Record<string, string> = {}) {
  const notes = await recordingUpstream('notes');
  const auth = await recordingUpstream('auth');
  const issuer = await testIssuer();
  const dispatcher = new Agent({ connect: { timeout: 1_000 } });
  onTestFinished(() => dispatcher.destroy());
  const config = parseConfig(configSchema, {
    NOTES_URL: notes.url,
    AUTH_URL: auth.url,
    JWKS_URL: issuer.jwksUrl,
    JWKS_TIMEOUT_MS: '1000',
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'gateway',
    version: 'test',
    level: config.LOG_LEVEL,
    destination: {
      write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  const jwt = verifierOptions(config, dispatcher);
  const app = createGatewayApp(config, { dispatcher, jwt, logger });
  return { app, notes, auth, logs, issuer, token: issuer.token };
}
