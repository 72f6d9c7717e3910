import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { once } from 'node:events';
import express from 'express';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServeHandle, type ServeOptions } from '../src/index.ts';
import { testApp } from './helpers/test-app.ts';
import { createTestCa } from './tls/test-ca.ts';
import { localhostTlsFiles, tlsFiles } from './helpers/tls-files.ts';

const handles: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function start(options: ServeOptions = {}, appOptions: Parameters<typeof testApp>[0] = {}) {
  const { app, logs } = testApp(appOptions);
  const handle = await serve(app, {
    port: 0,
    adminPort: 0,
    host: '127.0.0.1',
    shutdownDelayMs: 0,
    handleProcess: false,
    ...options,
  });
  handles.push(handle);
  const admin = (path: string) => fetch(`http://127.0.0.1:${handle.adminPort}${path}`);
  return { handle, logs, admin };
}

describe('serve', () => {
  it('when started, then one startup line gives ports, TLS state and every default that is off', async () => {
    const { handle, logs } = await start(
      {},
      { securityHeaders: false, trustProxy: 1, loadShedding: false },
    );

    const startup = logs.parsed().filter((line) => line.adminPort !== undefined);
    expect(startup).toHaveLength(1);
    expect(startup[0]).toMatchObject({
      service: 'test',
      version: '9.9.9',
      port: handle.port,
      adminPort: handle.adminPort,
      tls: false,
      off: ['tls off', 'loadShedding off', 'securityHeaders off', 'trust proxy 1'],
    });
  });

  it('when given an Express app that createApp did not make, then it refuses it, at compile time and at run time', async () => {
    const { app } = testApp();
    const bare = express();
    const options = { port: 0, adminPort: 0, host: '127.0.0.1', handleProcess: false };

    // @ts-expect-error serve takes only a PlatformApp; typecheck fails if this line compiles.
    const refused = serve(bare, options);
    const served = await serve(app, options);
    handles.push(served);

    await expect(refused).rejects.toThrow('serve() takes an app made by createApp()');
    expect(served.port).toBeGreaterThan(0);
  });

  it('when probed, then /livez and /readyz answer 200 and /metrics serves Prometheus text', async () => {
    const { admin } = await start({ readiness: { database: () => Promise.resolve() } });

    const [livez, readyz, metrics] = await Promise.all([
      admin('/livez'),
      admin('/readyz'),
      admin('/metrics'),
    ]);

    expect(livez.status).toBe(200);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({ status: 'ok', info: { database: 'ok' } });
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('when a readiness check fails or hangs, then /readyz is 503 naming it, without its error', async () => {
    const { admin } = await start({
      readiness: {
        database: () => Promise.reject(new Error('connect ECONNREFUSED secret-host')),
        cache: () => new Promise(() => undefined),
        queue: () => true,
      },
      readinessTimeoutMs: 50,
    });

    const readyz = await admin('/readyz');
    const livez = await admin('/livez');

    expect(readyz.status).toBe(503);
    const text = await readyz.text();
    expect(JSON.parse(text)).toMatchObject({
      status: 'error',
      error: { database: 'failed', cache: 'timeout', queue: 'ok' },
    });
    expect(text).not.toContain('secret-host');
    expect(livez.status).toBe(200);
  });

  it('when the admin server is asked for anything else, then 404 problem+json', async () => {
    const { admin } = await start();

    const res = await admin('/debug');

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('when a request carries a 64 kB header, then 431 problem+json and the server keeps serving', async () => {
    const { handle } = await start();

    const req = httpRequest({
      port: handle.port,
      host: '127.0.0.1',
      path: '/things/1',
      headers: { 'X-Big': 'a'.repeat(64 * 1024) },
    });
    req.end();
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
    let body = '';
    for await (const chunk of res) body += String(chunk);

    expect(res.statusCode).toBe(431);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(body)).toMatchObject({
      status: 431,
      title: 'Request Header Fields Too Large',
    });
    expect((await fetch(`http://127.0.0.1:${handle.port}/things/1`)).status).toBe(200);
  });

  describe('with TLS files', () => {
    it('when a client trusts the certificate, then the API answers over HTTPS', async () => {
      const tls = await localhostTlsFiles();
      const { handle, logs } = await start({ tls });
      const dispatcher = new Agent({ connect: { ca: readFileSync(tls.caFile) } });

      const res = await undiciFetch(`https://localhost:${handle.port}/things/1`, { dispatcher });

      expect(res.status).toBe(200);
      expect(logs.parsed().find((line) => line.adminPort !== undefined)).toMatchObject({
        tls: true,
        off: [],
      });
      await dispatcher.close();
    });

    it('when a client offers only TLS 1.1, then the handshake is refused', async () => {
      const { handle } = await start({ tls: await localhostTlsFiles() });

      const socket = connect({
        port: handle.port,
        host: '127.0.0.1',
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
        rejectUnauthorized: false,
      });
      const [error] = (await once(socket, 'error').catch((caught: unknown) => [caught])) as [Error];

      expect(String(error)).toMatch(/protocol|version/i);
    });
  });

  describe('with mutual TLS (allowedClients)', () => {
    async function startMutual() {
      const ca = await createTestCa();
      const server = await tlsFiles(ca, ['localhost', 'notes']);
      const { handle } = await start({ tls: server, allowedClients: ['gateway'] });
      const clientFor = async (name: string) => {
        const { cert, key } = await ca.issue([name]);
        return new Agent({ connect: { ca: ca.cert, cert, key } });
      };
      return { handle, ca, clientFor };
    }

    it('when an allowed client presents its certificate, then the API answers', async () => {
      const { handle, clientFor } = await startMutual();
      const dispatcher = await clientFor('gateway');

      const res = await undiciFetch(`https://localhost:${handle.port}/things/1`, { dispatcher });

      expect(res.status).toBe(200);
      await dispatcher.close();
    });

    it('when a client has no certificate or names another service, then it gets no answer', async () => {
      const { handle, ca, clientFor } = await startMutual();
      const anonymous = new Agent({ connect: { ca: ca.cert } });
      const stranger = await clientFor('auth');

      for (const dispatcher of [anonymous, stranger]) {
        await expect(
          undiciFetch(`https://localhost:${handle.port}/things/1`, { dispatcher }),
        ).rejects.toThrow();
        await dispatcher.close();
      }
    });

    it('when the kubelet probes the admin port without a certificate, then /livez answers over HTTPS', async () => {
      const { handle, ca } = await startMutual();
      const probe = new Agent({ connect: { ca: ca.cert } });

      const res = await undiciFetch(`https://localhost:${handle.adminPort}/livez`, {
        dispatcher: probe,
      });

      expect(res.status).toBe(200);
      await probe.close();
    });
  });
});
