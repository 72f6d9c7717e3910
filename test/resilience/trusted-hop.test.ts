import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDevMaterial } from '@bulkhead/dev-pki';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startForwardingProxy, type ForwardingProxy } from './forwarding-proxy.ts';
import { startIssuer, type TestIssuer } from './issuer.ts';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';

// Behind the edge every request reaches the gateway from an Envoy proxy. The edge component sets
// TRUST_PROXY=1 (k8s/components/edge/trusted-hop.yaml), so the per-IP token limit counts clients,
// not the proxy; here a real proxy on loopback stands where Envoy stands.
const limit = 3;

/** POST /v1/token through the proxy from `source` (a loopback address of its own). */
function tokenRequest(proxy: ForwardingProxy, source: string, forwardedFor?: string) {
  return new Promise<number>((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port: proxy.port,
        localAddress: source,
        method: 'POST',
        path: '/v1/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
        },
      },
      (answer) => {
        answer.resume();
        answer.once('end', () => {
          resolve(answer.statusCode ?? 0);
        });
      },
    );
    sent.on('error', reject);
    sent.end('grant_type=client_credentials');
  });
}

async function statuses(proxy: ForwardingProxy, source: string, count: number, xff?: string) {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push(await tokenRequest(proxy, source, xff));
  return answers;
}

describe('the gateway behind a proxy, per-IP token limit', () => {
  let dir: string;
  let issuer: TestIssuer;
  let auth: Server;
  let authUrl: string;
  const running: RunningRealService[] = [];
  const proxies: ForwardingProxy[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulkhead-trusted-hop-'));
    await generateDevMaterial({ dir });
    const read = (service: string, name: string) => readFile(join(dir, service, name), 'utf8');
    const cert = { cert: await read('auth', 'tls.crt'), key: await read('auth', 'tls.key') };
    issuer = await startIssuer(cert);
    // auth's part, answered at once: the limit under test runs in the gateway, before auth.
    auth = createServer(cert, (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"access_token":"t","token_type":"Bearer","expires_in":300}');
    });
    auth.listen(0, '127.0.0.1');
    await once(auth, 'listening');
    authUrl = `https://127.0.0.1:${(auth.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(running.splice(0).map(killHard));
  });
  afterAll(async () => {
    auth.closeAllConnections();
    await new Promise((resolve) => auth.close(resolve));
    await issuer.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function gatewayBehindProxy(trustProxy: string): Promise<ForwardingProxy> {
    const file = (name: string) => join(dir, 'gateway', name);
    const gateway = await startRealService('gateway', {
      TLS_CERT_FILE: file('tls.crt'),
      TLS_KEY_FILE: file('tls.key'),
      TLS_CA_FILE: file('ca.crt'),
      AUTH_URL: authUrl,
      NOTES_URL: authUrl,
      JWKS_URL: issuer.jwksUrl,
      RATE_LIMIT_TOKEN: String(limit),
      TRUST_PROXY: trustProxy,
    });
    running.push(gateway);
    const proxy = await startForwardingProxy(
      new URL(gateway.api),
      await readFile(file('ca.crt'), 'utf8'),
    );
    proxies.push(proxy);
    return proxy;
  }

  it('when the gateway trusts the one proxy hop, then two clients get separate buckets and a forged X-Forwarded-For chooses none', async () => {
    const proxy = await gatewayBehindProxy('1');

    const first = await statuses(proxy, '127.0.0.2', limit + 1);
    const other = await statuses(proxy, '127.0.0.3', 1);
    const posingAsOther = await statuses(proxy, '127.0.0.2', 1, '127.0.0.3');
    const posingAsNew = await statuses(proxy, '127.0.0.2', 1, '198.51.100.7');
    const otherPosingAsFirst = await statuses(proxy, '127.0.0.3', 1, '127.0.0.2');

    expect(first).toEqual([200, 200, 200, 429]);
    expect(other).toEqual([200]);
    expect(posingAsOther).toEqual([429]);
    expect(posingAsNew).toEqual([429]);
    expect(otherPosingAsFirst).toEqual([200]);
  });

  it("when the gateway trusts no hop (the control: no TRUST_PROXY in the manifests), then one client spends everyone's bucket", async () => {
    const proxy = await gatewayBehindProxy('off');

    const first = await statuses(proxy, '127.0.0.2', limit + 1);
    const other = await statuses(proxy, '127.0.0.3', 1);

    expect(first).toEqual([200, 200, 200, 429]);
    expect(other).toEqual([429]);
  });
});
