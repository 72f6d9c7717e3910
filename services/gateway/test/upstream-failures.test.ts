import { once } from 'node:events';
import { request, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { Agent } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createUpstream, type UpstreamOptions } from '../src/upstream/upstream.ts';
import { front } from './helpers/front.ts';
import { closedPort, httpServer, listen, send } from './helpers/servers.ts';

async function gatewayTo(url: string, options: Partial<UpstreamOptions> = {}) {
  const dispatcher = new Agent({ connect: { timeout: 1_000 } });
  onTestFinished(() => dispatcher.destroy());
  const upstream = createUpstream({
    name: 'notes',
    url,
    dispatcher,
    maxBodyBytes: 100 * 1024,
    ...options,
  });
  return { upstream, gateway: await front(upstream) };
}

/** A TCP listener that reads requests and never says a word: the slow upstream. */
function stalledUpstream(onRequest: (socket: Socket) => void = () => undefined) {
  return listen(
    createTcpServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => {
        onRequest(socket);
      });
    }),
  );
}

/** An upstream that resets the connection of the first `resets` requests, then answers 200. */
async function flakyUpstream(resets: number) {
  const state = { requests: 0, resets };
  const url = await httpServer((req, res) => {
    state.requests += 1;
    if (state.resets > 0) {
      state.resets -= 1;
      req.socket.resetAndDestroy();
      return;
    }
    res.end('ok');
  });
  return { url, state };
}

describe('upstream.forward when the upstream fails', () => {
  it('when nothing listens upstream, then 503 problem+json with Retry-After: a client may retry', async () => {
    const { gateway } = await gatewayTo(await closedPort());

    const reply = await send(`${gateway}/v1/notes`, { method: 'POST', body: '{}' });

    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(reply.body)).toMatchObject({ detail: 'notes is not accepting connections' });
  });

  it('when the upstream answers garbage after connecting, then 502 problem+json', async () => {
    const url = await listen(
      createTcpServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', () => socket.end('this is not HTTP\r\n\r\n'));
      }),
    );
    const { gateway } = await gatewayTo(url);

    const reply = await send(`${gateway}/v1/notes`, { method: 'POST', body: '{}' });

    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.body)).toMatchObject({ detail: 'notes could not be reached' });
  });

  it('when the upstream accepts the connection but never answers, then 504 after the headers timeout', async () => {
    const { gateway } = await gatewayTo(await stalledUpstream(), { headersTimeoutMs: 200 });

    const reply = await send(`${gateway}/v1/notes`);

    expect(reply.status).toBe(504);
    expect(JSON.parse(reply.body)).toMatchObject({ detail: 'notes did not answer in time' });
  });

  it('when failures reach the threshold, then the circuit opens, answers 503 without calling, and a good probe closes it', async () => {
    let clock = 0;
    const flaky = await flakyUpstream(2);
    const { gateway, upstream } = await gatewayTo(flaky.url, {
      breaker: { failureThreshold: 2, resetTimeoutMs: 30_000, now: () => clock },
    });
    const post = () => send(`${gateway}/v1/notes`, { method: 'POST', body: '{}' });

    const failures = [(await post()).status, (await post()).status];
    const whileOpen = await post();
    clock += 30_000;
    const probe = await post();
    const after = await post();

    expect(failures).toEqual([502, 502]);
    expect(whileOpen.status).toBe(503);
    expect(whileOpen.headers['retry-after']).toBe('30');
    expect(flaky.state.requests).toBe(4); // two failures, the probe and the one after: none while open
    expect([probe.status, after.status]).toEqual([200, 200]);
    expect(upstream.breaker.state).toBe('closed');
  });

  it('when as many requests as allowed are in flight, then one more gets 503 at once', async () => {
    const held: ServerResponse[] = [];
    const bothArrived = Promise.withResolvers<undefined>();
    const url = await httpServer((_req, res) => {
      held.push(res);
      if (held.length === 2) bothArrived.resolve(undefined);
    });
    const { gateway } = await gatewayTo(url, { maxConcurrent: 2 });

    const first = send(`${gateway}/v1/notes`);
    const second = send(`${gateway}/v1/notes`);
    await bothArrived.promise;
    const third = await send(`${gateway}/v1/notes`);
    for (const res of held) res.end('done');

    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
  });

  it('when a GET meets a reset connection, then it is retried once and succeeds', async () => {
    const flaky = await flakyUpstream(1);
    const { gateway } = await gatewayTo(flaky.url);

    const reply = await send(`${gateway}/v1/notes`);

    expect(reply.status).toBe(200);
    expect(flaky.state.requests).toBe(2);
  });

  it('when a GET meets a reset connection twice, then 502 after exactly one retry', async () => {
    const flaky = await flakyUpstream(5);
    const { gateway } = await gatewayTo(flaky.url);

    const reply = await send(`${gateway}/v1/notes`);

    expect(reply.status).toBe(502);
    expect(flaky.state.requests).toBe(2);
  });

  it('when a POST meets a reset connection, then it is not retried: 502', async () => {
    const flaky = await flakyUpstream(1);
    const { gateway } = await gatewayTo(flaky.url);

    const reply = await send(`${gateway}/v1/notes`, { method: 'POST', body: '{"title":"x"}' });

    expect(reply.status).toBe(502);
    expect(flaky.state.requests).toBe(1);
  });

  it('when the client leaves before the upstream answers, then the upstream request is cancelled', async () => {
    const upstreamSocket = Promise.withResolvers<Socket>();
    const { gateway, upstream } = await gatewayTo(await stalledUpstream(upstreamSocket.resolve));
    const client = request(`${gateway}/v1/notes`).on('error', () => undefined);
    client.end();
    const socket = await upstreamSocket.promise;

    client.destroy();
    await once(socket, 'close');

    expect(upstream.inFlight).toBe(0);
    expect(upstream.breaker.state).toBe('closed');
  });
});
