import { afterEach, describe, expect, it } from 'vitest';
import { localhostTlsFiles } from '../../packages/platform/test/helpers/tls-files.ts';
import { connectSilently, probe, trickle } from './clients.ts';
import { CHILD_TIMEOUT_MS, startService, stopService, type RunningService } from './service.ts';

// Short limits so a test takes seconds; the check interval stays at its default (1 s).
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const TLS_HANDSHAKE_TIMEOUT_MS = 1000;
// What a busy CI machine may add to a deadline; far below Node's defaults (30 s check, 120 s TLS).
const MARGIN_MS = 2000;
const CHECK_INTERVAL_MS = 1000;

const services: RunningService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map(stopService));
});

async function start(env: Record<string, string> = {}) {
  const service = await startService({
    HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    ...env,
  });
  services.push(service);
  return service;
}

describe('slow clients', () => {
  it(
    'when a client trickles its headers one byte at a time, then it gets 408 within the headers timeout, on both ports, while others get answers',
    async () => {
      const service = await start();
      const others = probe(`${service.api}/v1/ping`);

      const head = 'GET /livez HTTP/1.1\r\nHost: x\r\nX-Slow: ';
      const [api, admin] = await Promise.all([
        trickle(service.port, head),
        trickle(service.adminPort, head),
      ]);
      const { statuses, slowestMs } = await others.stop();

      expect(api.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(api.received).toContain('application/problem+json');
      for (const cutOff of [api, admin]) {
        expect(cutOff.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + MARGIN_MS);
      }
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(slowestMs).toBeLessThan(1000 + MARGIN_MS);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when a client trickles its body, then it gets 408 within the request timeout while others get answers',
    async () => {
      const service = await start();
      const others = probe(`${service.api}/v1/ping`);

      const cutOff = await trickle(
        service.port,
        'POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          'Content-Length: 50000\r\n\r\n[',
        '0,',
      );
      const { statuses, slowestMs } = await others.stop();

      expect(cutOff.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(cutOff.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_INTERVAL_MS + MARGIN_MS);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(slowestMs).toBeLessThan(1000 + MARGIN_MS);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when a client opens a TCP connection and never starts TLS, then it is dropped within the handshake timeout, on both ports',
    async () => {
      const tls = await localhostTlsFiles();
      const service = await start({
        TLS_CERT_FILE: tls.certFile,
        TLS_KEY_FILE: tls.keyFile,
        TLS_HANDSHAKE_TIMEOUT_MS: String(TLS_HANDSHAKE_TIMEOUT_MS),
      });

      const cutOffs = await Promise.all([
        connectSilently(service.port),
        connectSilently(service.adminPort),
      ]);

      for (const cutOff of cutOffs) {
        expect(cutOff.received).toBe('');
        expect(cutOff.elapsedMs).toBeLessThan(TLS_HANDSHAKE_TIMEOUT_MS + MARGIN_MS);
      }
    },
    CHILD_TIMEOUT_MS,
  );
});
