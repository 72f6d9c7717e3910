import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createTlsServer } from '../../src/tls/create-tls-server.ts';
import { type MtlsDispatcher, createMtlsDispatcher } from '../../src/tls/mtls-dispatcher.ts';
import { watchTlsFiles } from '../../src/tls/watch-tls-files.ts';
import { type TestCa, createTestCa } from './test-ca.ts';
import { type TlsDir, createTlsDir } from './tls-dir.ts';

const quiet = { info: () => undefined, warn: () => undefined };
const timeouts = { connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 };
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An mTLS server accepting `gateway` that answers with the serial of the client's certificate. */
async function notesServer(ca: TestCa): Promise<string> {
  const dir = await createTlsDir('plain', await ca.issue(['notes']), ca.cert);
  const tls = await watchTlsFiles(dir.files, { logger: quiet });
  const server = createTlsServer(
    (req, res) => {
      const socket = req.socket;
      res.end(socket instanceof TLSSocket ? socket.getPeerCertificate().serialNumber : 'plain');
    },
    tls,
    { allowedClients: ['gateway'], logger: quiet },
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
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function gatewayDispatcher(dir: TlsDir): Promise<MtlsDispatcher> {
  const dispatcher = await createMtlsDispatcher({ ...dir.files, ...timeouts, logger: quiet });
  cleanups.push(
    () => dir.remove(),
    () => dispatcher.close(),
  );
  return dispatcher;
}

async function get(url: string, dispatcher: MtlsDispatcher): Promise<string> {
  const response = await request(url, { dispatcher });
  return response.body.text();
}

describe('createMtlsDispatcher', () => {
  it('when the server requires a client certificate, then requests present ours', async () => {
    const ca = await createTestCa();
    const url = await notesServer(ca);
    const gateway = await ca.issue(['gateway']);
    const dispatcher = await gatewayDispatcher(await createTlsDir('plain', gateway, ca.cert));

    const seenByServer = await get(url, dispatcher);

    expect(seenByServer).toBe(gateway.serialNumber);
  });

  it('when its certificate files rotate under steady traffic, then new requests present the new certificate and none fails', async () => {
    const ca = await createTestCa();
    const url = await notesServer(ca);
    const [first, second] = await Promise.all([ca.issue(['gateway']), ca.issue(['gateway'])]);
    const dir = await createTlsDir('kubelet', first, ca.cert);
    const dispatcher = await gatewayDispatcher(dir);
    const seen: string[] = [await get(url, dispatcher)];
    const failures: unknown[] = [];
    const traffic = (async () => {
      while (seen.at(-1) !== second.serialNumber && failures.length === 0) {
        await get(url, dispatcher).then(
          (serial) => seen.push(serial),
          (error: unknown) => failures.push(error),
        );
      }
    })();

    const reloaded = once(dispatcher.tls, 'reload');
    await dir.write(second, ca.cert);
    await reloaded;
    await traffic;

    expect(failures).toEqual([]);
    expect(seen[0]).toBe(first.serialNumber);
    expect(seen.at(-1)).toBe(second.serialNumber);
  });

  it('when the server certificate comes from another CA, then the request fails', async () => {
    const ca = await createTestCa();
    const url = await notesServer(await createTestCa('Another CA'));
    const dispatcher = await gatewayDispatcher(
      await createTlsDir('plain', await ca.issue(['gateway']), ca.cert),
    );

    await expect(get(url, dispatcher)).rejects.toThrow();
  });
});
