import { Agent } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createUpstream, type UpstreamOptions } from '../src/upstream/upstream.ts';
import { front } from './helpers/front.ts';
import { recordingUpstream as recordingNotes } from './helpers/gateway.ts';
import { send } from './helpers/servers.ts';

/** An upstream that records what reached it and answers 201 with a few headers of its own. */
function recordingUpstream(headers: Record<string, string> = {}) {
  return recordingNotes('notes', {
    status: 201,
    headers: { etag: '"v1"', ...headers },
    body: '{"id":"n1"}',
  });
}

async function gatewayTo(url: string, options: Partial<UpstreamOptions> = {}) {
  const dispatcher = new Agent();
  onTestFinished(() => dispatcher.close());
  return front(
    createUpstream({ name: 'notes', url, dispatcher, maxBodyBytes: 100 * 1024, ...options }),
  );
}

describe('upstream.forward', () => {
  it('when a request comes in, then method, path, query, body and end-to-end headers reach the upstream', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url);

    const reply = await send(`${gateway}/v1/notes?limit=5&cursor=a%2Fb`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer t0ken',
        'x-request-id': 'req-123',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      body: ['{"title":', '"hello"}'],
    });

    expect(reply.status).toBe(201);
    expect(reply.headers.etag).toBe('"v1"');
    expect(reply.body).toBe('{"id":"n1"}');
    const [seen] = upstream.seen;
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/v1/notes?limit=5&cursor=a%2Fb',
      body: '{"title":"hello"}',
    });
    expect(seen?.headers).toMatchObject({
      host: new URL(upstream.url).host,
      authorization: 'Bearer t0ken',
      'x-request-id': 'req-123',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('when either side sends hop-by-hop headers, then the other side never sees them', async () => {
    const upstream = await recordingUpstream({
      connection: 'x-upstream-hop',
      'x-upstream-hop': 'internal',
      'proxy-authenticate': 'Basic',
      'keep-alive': 'timeout=99',
    });
    const gateway = await gatewayTo(upstream.url);

    const reply = await send(`${gateway}/v1/notes`, {
      headers: {
        connection: 'keep-alive, x-client-hop',
        'x-client-hop': 'secret',
        'keep-alive': 'timeout=1',
        te: 'trailers',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'x-kept': 'yes',
      },
    });

    const seen = upstream.seen[0]?.headers ?? {};
    expect(seen['x-kept']).toBe('yes');
    for (const name of ['x-client-hop', 'te', 'proxy-authorization'])
      expect(seen).not.toHaveProperty(name);
    expect(seen['keep-alive']).not.toBe('timeout=1');
    expect(reply.headers).not.toHaveProperty('x-upstream-hop');
    expect(reply.headers).not.toHaveProperty('proxy-authenticate');
    expect(reply.headers['keep-alive']).not.toBe('timeout=99');
  });

  it('when the client claims a forwarded address and is not trusted, then only the real peer is sent', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url);

    await send(`${gateway}/v1/notes`, {
      headers: {
        'x-forwarded-for': '10.9.9.9',
        'x-forwarded-host': 'evil.test',
        forwarded: 'for=10.9.9.9',
      },
    });

    const seen = upstream.seen[0]?.headers ?? {};
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-host']).toBe(new URL(gateway).host);
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen.forwarded).toBe(`for=127.0.0.1;proto=http;host="${new URL(gateway).host}"`);
  });

  it('when a client sends headers a trusted hop would set (X-Real-IP, X-Forwarded-Client-Cert, X-Original-URL), then the upstream never sees them', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url, { trustForwarded: () => true });

    await send(`${gateway}/v1/notes`, {
      headers: {
        'x-real-ip': '10.0.0.1',
        'x-forwarded-client-cert': 'By=spiffe://cluster/ns/bulkhead-gateway/sa/gateway',
        'x-original-url': '/admin',
        'x-request-id': 'kept',
      },
    });

    const headers = upstream.seen[0]?.headers ?? {};
    expect(headers).not.toHaveProperty('x-real-ip');
    expect(headers).not.toHaveProperty('x-forwarded-client-cert');
    expect(headers).not.toHaveProperty('x-original-url');
    expect(headers['x-request-id']).toBe('kept');
  });

  it('when forwarded headers come from a trusted proxy, then this hop is appended to the chain', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url, { trustForwarded: () => true });

    await send(`${gateway}/v1/notes`, {
      headers: {
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        forwarded: 'for=203.0.113.7',
      },
    });

    const seen = upstream.seen[0]?.headers ?? {};
    expect(seen['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('https');
    expect(seen.forwarded).toMatch(/^for=203\.0\.113\.7, for=127\.0\.0\.1;/);
  });

  it('when the declared body is over the limit, then 413 and the upstream is not called', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url, { maxBodyBytes: 10 });

    const reply = await send(`${gateway}/v1/notes`, {
      method: 'POST',
      body: '{"title":"too long"}',
    });

    expect(reply.status).toBe(413);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(upstream.seen).toHaveLength(0);
  });

  it('when a chunked body grows over the limit, then 413 and the upstream gets no complete request', async () => {
    const upstream = await recordingUpstream();
    const gateway = await gatewayTo(upstream.url, { maxBodyBytes: 10 });

    const reply = await send(`${gateway}/v1/notes`, {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      body: ['{"title":', '"far too long"}'],
    });

    expect(reply.status).toBe(413);
    expect(upstream.seen).toHaveLength(0);
  });
});
