import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDevMaterial } from '@bulkhead/dev-pki';
import { Agent, fetch, type Dispatcher, type Headers } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type TestIssuer } from './issuer.ts';
import { answerOk, reset, stall, tcpListener, type TcpListener } from './listeners.ts';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';
import { CHILD_TIMEOUT_MS } from './service.ts';

/** One answer as a client sees it, with how long it took. */
async function ask(
  url: string,
  { token, method = 'GET', body, dispatcher }: AskOptions = {},
): Promise<{ status: number; headers: Headers; text: string; elapsedMs: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method,
    dispatcher,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, elapsedMs: performance.now() - started };
}
interface AskOptions {
  token?: string;
  method?: string;
  body?: string;
  dispatcher?: Dispatcher;
}

const problemJson = /^application\/problem\+json/;
const running: RunningRealService[] = [];
const listeners: TcpListener[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

describe('gateway → notes over mTLS, notes stopped and restarted', () => {
  let dir: string;
  let issuer: TestIssuer;
  let client: Agent;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulkhead-gateway-'));
    await generateDevMaterial({ dir: join(dir, 'pki') });
    const file = (service: string, name: string) => join(dir, 'pki', service, name);
    issuer = await startIssuer({
      cert: await readFile(file('auth', 'tls.crt'), 'utf8'),
      key: await readFile(file('auth', 'tls.key'), 'utf8'),
    });
    client = new Agent({ connect: { ca: await readFile(file('gateway', 'ca.crt'), 'utf8') } });
  });
  afterAll(async () => {
    await client.close();
    await issuer.close();
    await rm(dir, { recursive: true, force: true });
  });

  const tls = (service: string) => ({
    TLS_CERT_FILE: join(dir, 'pki', service, 'tls.crt'),
    TLS_KEY_FILE: join(dir, 'pki', service, 'tls.key'),
    TLS_CA_FILE: join(dir, 'pki', service, 'ca.crt'),
  });
  async function startNotes(port = '0') {
    const notes = await startRealService('notes', {
      ...tls('notes'),
      PORT: port,
      MTLS_ALLOWED_CLIENTS: 'gateway',
      JWKS_URL: issuer.jwksUrl,
      DATABASE_PATH: join(dir, 'notes.db'),
    });
    running.push(notes);
    return notes;
  }

  it(
    'when notes stops, then answers 5xx at once, opens the circuit (503 + Retry-After, no connection tried), and closes it when notes is back',
    async () => {
      // Arrange: the real gateway in front of the real notes, both over mutual TLS.
      const notes = await startNotes();
      const threshold = 3;
      const timeoutMs = 10_000;
      const gateway = await startRealService('gateway', {
        ...tls('gateway'),
        NOTES_URL: `https://127.0.0.1:${notes.port}`,
        AUTH_URL: `https://127.0.0.1:${notes.port}`,
        JWKS_URL: issuer.jwksUrl,
        UPSTREAM_CONNECT_TIMEOUT_MS: String(timeoutMs),
        UPSTREAM_HEADERS_TIMEOUT_MS: String(timeoutMs),
        CIRCUIT_FAILURE_THRESHOLD: String(threshold),
        CIRCUIT_RESET_MS: '5000',
      });
      running.push(gateway);
      const token = await issuer.token('alice');
      const notesUrl = `${gateway.api}/v1/notes`;
      const created = await ask(notesUrl, {
        token,
        method: 'POST',
        body: JSON.stringify({ title: 'before the outage' }),
        dispatcher: client,
      });
      expect(created.status).toBe(201);

      // Act 1: notes dies; the first requests find nothing listening.
      await killHard(notes);
      const refused = [];
      for (let i = 0; i < threshold; i++)
        refused.push(await ask(notesUrl, { token, dispatcher: client }));

      // Act 2: something listens on notes' port again, but the circuit is open.
      const listener = await tcpListener(reset, notes.port);
      listeners.push(listener);
      const whileOpen = [];
      for (let i = 0; i < 5; i++)
        whileOpen.push(await ask(notesUrl, { token, dispatcher: client }));
      const ready = await ask(`${gateway.admin}/readyz`, { dispatcher: client });

      // Assert: 5xx problems well before any timeout, then 503s that never reach the port.
      for (const answer of refused) {
        expect(answer.status).toBeGreaterThanOrEqual(500);
        expect(answer.headers.get('content-type')).toMatch(problemJson);
        expect(answer.elapsedMs).toBeLessThan(timeoutMs / 2);
      }
      for (const answer of whileOpen) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('content-type')).toMatch(problemJson);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect(listener.accepted).toBe(0);
      expect(ready.status).toBe(200);

      // Act 3: notes comes back on its port; after the reset time a probe goes through.
      await listener.close();
      listeners.length = 0;
      await startNotes(String(notes.port));
      const seen: number[] = [];
      await expect
        .poll(
          async () => {
            const { status } = await ask(notesUrl, { token, dispatcher: client });
            seen.push(status);
            return status;
          },
          { timeout: 15_000, interval: 200 },
        )
        .toBe(200);
      const after = await ask(notesUrl, { token, dispatcher: client });

      // Assert: nothing but "open" 503s until the probe closed the circuit; the note survived.
      expect(new Set(seen.slice(0, -1))).toEqual(new Set(seen.length > 1 ? [503] : []));
      expect(after.status).toBe(200);
      expect(JSON.parse(after.text)).toMatchObject({ items: [{ title: 'before the outage' }] });
    },
    CHILD_TIMEOUT_MS * 2,
  );
});

describe('gateway → a stalled and a resetting upstream (plain HTTP)', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  async function startGateway(env: Record<string, string>) {
    const gateway = await startRealService('gateway', {
      JWKS_URL: issuer.jwksUrl,
      CIRCUIT_FAILURE_THRESHOLD: '100',
      ...env,
    });
    running.push(gateway);
    return gateway;
  }

  it(
    'when notes accepts and never answers, then 504 after the headers timeout, at most UPSTREAM_MAX_CONCURRENT held there, 503 at once beyond, and /readyz stays 200',
    async () => {
      const stalled = await tcpListener(stall);
      listeners.push(stalled);
      const headersTimeoutMs = 1_000;
      const maxConcurrent = 2;
      const gateway = await startGateway({
        NOTES_URL: stalled.origin,
        AUTH_URL: stalled.origin,
        UPSTREAM_HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
        UPSTREAM_MAX_CONCURRENT: String(maxConcurrent),
      });
      const token = await issuer.token('alice');
      const notesUrl = `${gateway.api}/v1/notes`;

      const held = Array.from({ length: maxConcurrent }, () => ask(notesUrl, { token }));
      await stalled.accepts(maxConcurrent);
      const beyond = await Promise.all(Array.from({ length: 3 }, () => ask(notesUrl, { token })));
      const ready = await ask(`${gateway.admin}/readyz`);
      const timedOut = await Promise.all(held);

      for (const answer of beyond) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('content-type')).toMatch(problemJson);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.elapsedMs).toBeLessThan(headersTimeoutMs);
      }
      expect(ready.status).toBe(200);
      for (const answer of timedOut) {
        expect(answer.status).toBe(504);
        expect(answer.headers.get('content-type')).toMatch(problemJson);
        // undici checks its timers about once a second, so a timeout fires up to a second late.
        expect(answer.elapsedMs).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
        expect(answer.elapsedMs).toBeLessThan(headersTimeoutMs + 3_000);
      }
      expect(stalled.maxOpen).toBe(maxConcurrent);
      expect(stalled.accepted).toBe(maxConcurrent);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when the upstream resets a connection before answering, then a GET is retried once and succeeds, a POST is never retried',
    async () => {
      // Connections 1 and 3 are reset on their first bytes; every other one is answered.
      const flaky = await tcpListener((socket, number) => {
        if (number === 1 || number === 3) reset(socket);
        else answerOk(socket);
      });
      listeners.push(flaky);
      const gateway = await startGateway({ NOTES_URL: flaky.origin, AUTH_URL: flaky.origin });

      const get = await ask(`${gateway.api}/v1/notes`, { token: await issuer.token('alice') });
      const afterGet = flaky.accepted;
      const post = await ask(`${gateway.api}/v1/token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      const ready = await ask(`${gateway.admin}/readyz`);

      expect(get.status).toBe(200);
      expect(JSON.parse(get.text)).toEqual({ ok: true });
      expect(afterGet).toBe(2);
      expect(post.status).toBeGreaterThanOrEqual(500);
      expect(post.headers.get('content-type')).toMatch(problemJson);
      expect(flaky.accepted).toBe(3);
      expect(ready.status).toBe(200);
    },
    CHILD_TIMEOUT_MS,
  );
});
