import { once } from 'node:events';
import type { Server } from 'node:https';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTlsServer } from '../../src/tls/create-tls-server.ts';
import { type TlsWatcher, watchTlsFiles } from '../../src/tls/watch-tls-files.ts';
import { httpsGet } from './https-get.ts';
import { servedCertificateCount } from './served-chain.ts';
import { createTestCa } from './test-ca.ts';
import { type TlsDir, createTlsDir } from './tls-dir.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(dir: TlsDir, allowedClients: string[] = []) {
  let handled = 0;
  const tls: TlsWatcher = await watchTlsFiles(dir.files, { debounceMs: 20, logger: quiet });
  const server: Server = createTlsServer(
    (_req, res) => {
      handled += 1;
      res.end('ok');
    },
    tls,
    { allowedClients, logger: quiet },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(
    () => dir.remove(),
    () => {
      tls.close();
    },
    () => new Promise((done) => server.close(done)),
  );
  cleanups.push(() => {
    server.closeAllConnections();
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${String(port)}/`;
  return { tls, port, url, handled: () => handled };
}

describe('createTlsServer', () => {
  it.each(['plain', 'kubelet'] as const)(
    'when the certificate files rotate (%s) under steady traffic, then new connections get the new certificate and no request fails',
    async (style) => {
      const ca = await createTestCa();
      const [first, second] = await Promise.all([ca.issue(['notes']), ca.issue(['notes'])]);
      const dir = await createTlsDir(style, first, ca.cert);
      const { tls, url } = await start(dir);
      const seen: string[] = [];
      const failures: unknown[] = [];
      const traffic = (async () => {
        while (seen.at(-1) !== second.serialNumber) {
          await httpsGet(url, { ca: ca.cert }).then(
            ({ serialNumber }) => seen.push(serialNumber),
            (error: unknown) => failures.push(error),
          );
          if (failures.length > 0) return;
        }
      })();

      const reloaded = once(tls, 'reload');
      await dir.write(second, ca.cert);
      await reloaded;
      await traffic;

      expect(failures).toEqual([]);
      expect(seen[0]).toBe(first.serialNumber);
      expect(seen.at(-1)).toBe(second.serialNumber);
    },
  );

  it('when a TLS 1.2 client offers only CBC ciphers, then the handshake fails; with ECDHE and AES-GCM it succeeds', async () => {
    const ca = await createTestCa();
    const dir = await createTlsDir('plain', await ca.issue(['localhost']), ca.cert);
    const { url } = await start(dir);
    const tls12 = (ciphers: string) =>
      httpsGet(url, { ca: ca.cert, maxVersion: 'TLSv1.2', ciphers });

    const cbc = await tls12('ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA').catch(
      (error: unknown) => error,
    );
    const gcm = await tls12('ECDHE-ECDSA-AES128-GCM-SHA256');

    expect(cbc).toBeInstanceOf(Error);
    expect(gcm.status).toBe(200);
  });

  it('when a server asks no client certificate, then it sends its own certificate and not the root CA', async () => {
    const ca = await createTestCa();
    const leaf = await ca.issue(['localhost']);
    const leafOnly = await start(await createTlsDir('plain', leaf, ca.cert));
    // Control: a certificate file that lists the CA after the leaf is served as written.
    const withCa = { ...leaf, cert: `${leaf.cert.trimEnd()}\n${ca.cert}` };
    const listed = await start(await createTlsDir('plain', withCa, ca.cert));

    expect(await servedCertificateCount(leafOnly.port)).toBe(1);
    expect(await servedCertificateCount(listed.port)).toBe(2);
  });

  it('when the certificate rotates, then an open keep-alive connection carries on', async () => {
    const ca = await createTestCa();
    const [first, second] = await Promise.all([ca.issue(['notes']), ca.issue(['notes'])]);
    const dir = await createTlsDir('kubelet', first, ca.cert);
    const { tls, url } = await start(dir);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => {
      agent.destroy();
    });
    const before = await httpsGet(url, { ca: ca.cert, agent });

    const reloaded = once(tls, 'reload');
    await dir.write(second, ca.cert);
    await reloaded;
    const after = await httpsGet(url, { ca: ca.cert, agent });

    expect(after.status).toBe(200);
    expect(after.socket).toBe(before.socket);
    expect(after.serialNumber).toBe(first.serialNumber);
  });
});

describe('createTlsServer with allowedClients', () => {
  async function mtlsServer() {
    const ca = await createTestCa();
    const server = await start(await createTlsDir('plain', await ca.issue(['notes']), ca.cert), [
      'gateway',
    ]);
    return { ca, ...server };
  }

  it('when the client certificate names an allowed client, then the request is served', async () => {
    const { ca, url } = await mtlsServer();
    const client = await ca.issue(['gateway', 'gateway.bulkhead-gateway.svc']);

    const response = await httpsGet(url, { ca: ca.cert, cert: client.cert, key: client.key });

    expect(response.status).toBe(200);
  });

  it('when the client presents no certificate, then the connection is refused', async () => {
    const { ca, url, handled } = await mtlsServer();

    await expect(httpsGet(url, { ca: ca.cert })).rejects.toThrow();
    expect(handled()).toBe(0);
  });

  it('when the client certificate comes from another CA, then the connection is refused', async () => {
    const { ca, url, handled } = await mtlsServer();
    const stranger = await (await createTestCa('Another CA')).issue(['gateway']);

    await expect(
      httpsGet(url, { ca: ca.cert, cert: stranger.cert, key: stranger.key }),
    ).rejects.toThrow();
    expect(handled()).toBe(0);
  });

  it('when a valid client certificate names no allowed client, then it is cut off before HTTP', async () => {
    const { ca, url, handled } = await mtlsServer();
    const other = await ca.issue(['auth', 'gateway.example', 'xgateway']);

    await expect(
      httpsGet(url, { ca: ca.cert, cert: other.cert, key: other.key }),
    ).rejects.toThrow();
    expect(handled()).toBe(0);
  });

  it('when no CA bundle is given, then it refuses to start', async () => {
    const ca = await createTestCa();
    const dir = await createTlsDir('plain', await ca.issue(['notes']), ca.cert);
    cleanups.push(() => dir.remove());
    const tls = await watchTlsFiles({ certFile: dir.files.certFile, keyFile: dir.files.keyFile });
    cleanups.push(() => {
      tls.close();
    });

    expect(() => createTlsServer(() => undefined, tls, { allowedClients: ['gateway'] })).toThrow(
      'CA bundle',
    );
  });
});
