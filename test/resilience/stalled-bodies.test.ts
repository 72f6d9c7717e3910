import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type TestIssuer } from './issuer.ts';
import { answerOk, stall, tcpListener, type TcpListener } from './listeners.ts';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';
import { CHILD_TIMEOUT_MS } from './service.ts';

let issuer: TestIssuer;
const running: RunningRealService[] = [];
const listeners: TcpListener[] = [];
const sockets: Socket[] = [];
beforeAll(async () => {
  issuer = await startIssuer();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map(killHard));
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});
afterAll(async () => {
  await issuer.close();
});

async function startGateway(upstream: TcpListener, env: Record<string, string>) {
  const gateway = await startRealService('gateway', {
    NOTES_URL: upstream.origin,
    AUTH_URL: upstream.origin,
    JWKS_URL: issuer.jwksUrl,
    RATE_LIMIT_TOKEN: '1000',
    RATE_LIMIT_API: '1000',
    ...env,
  });
  running.push(gateway);
  return gateway;
}

/** Sends a token request's headers and one byte of its 100-byte body, then nothing; resolves what came back and when. */
function stalledTokenRequest(port: number): Promise<{ received: string; elapsedMs: number }> {
  const started = performance.now();
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  socket.write(
    'POST /v1/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ng',
  );
  return once(socket, 'close').then(() => ({ received, elapsedMs: performance.now() - started }));
}

describe('gateway against clients that hold what others need', () => {
  it(
    'when 8 clients stall their bodies with 4 upstream slots, then a real client still gets its token, and each staller gets 408 at the body deadline',
    async () => {
      const auth = await tcpListener(answerOk);
      listeners.push(auth);
      const gateway = await startGateway(auth, {
        UPSTREAM_MAX_CONCURRENT: '4',
        REQUEST_BODY_TIMEOUT_MS: '1000',
      });

      const stallers = Array.from({ length: 8 }, () => stalledTokenRequest(gateway.port));
      // A request after theirs on the same server: once it is answered, theirs were read too.
      await fetch(`${gateway.api}/v1/notes`).then((res) => res.arrayBuffer());
      const real = await fetch(`${gateway.api}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const cutOff = await Promise.all(stallers);

      expect(real.status).toBe(200);
      expect(auth.accepted).toBe(1);
      for (const { received, elapsedMs } of cutOff) {
        expect(received).toMatch(/^HTTP\/1\.1 408 /);
        expect(elapsedMs).toBeLessThan(1000 + 3000);
      }
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'when one subject floods a hung upstream, then it holds at most UPSTREAM_MAX_PER_CLIENT slots (429 beyond) and another subject still gets one',
    async () => {
      const notes = await tcpListener(stall);
      listeners.push(notes);
      const gateway = await startGateway(notes, {
        UPSTREAM_MAX_CONCURRENT: '8',
        UPSTREAM_MAX_PER_CLIENT: '2',
        UPSTREAM_HEADERS_TIMEOUT_MS: '20000',
      });
      const answered: number[] = [];
      const fourAnswered = Promise.withResolvers<undefined>();
      // Requests that reach the hung upstream never answer; they end when the gateway is killed.
      const ask = (sub: string) => {
        void issuer
          .token(sub)
          .then((token) =>
            fetch(`${gateway.api}/v1/notes`, { headers: { authorization: `Bearer ${token}` } }),
          )
          .then((res) => {
            answered.push(res.status);
            if (answered.length === 4) fourAnswered.resolve(undefined);
          })
          .catch(() => undefined);
      };

      for (let i = 0; i < 6; i++) ask('mallory');
      await notes.accepts(2);
      await fourAnswered.promise;
      ask('alice');
      await notes.accepts(3);
      const refused = [...answered];

      expect(refused.filter((status) => status === 429)).toHaveLength(4);
      expect(notes.accepted).toBe(3);
    },
    CHILD_TIMEOUT_MS,
  );
});
