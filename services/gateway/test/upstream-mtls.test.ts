import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { createCa, issueCertificate, type CertificateAndKey } from '@bulkhead/dev-pki';
import { createMtlsDispatcher, createTlsServer, watchTlsFiles } from '@bulkhead/platform/tls';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createUpstream } from '../src/upstream/upstream.ts';
import { front } from './helpers/front.ts';
import { send } from './helpers/servers.ts';

const quiet = { info: () => undefined, warn: () => undefined };

/** Writes a certificate, its key and the CA bundle to a temp dir, as cert-manager mounts them. */
async function tlsFiles(pair: CertificateAndKey, ca: CertificateAndKey) {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-tls-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const files = {
    certFile: join(dir, 'tls.crt'),
    keyFile: join(dir, 'tls.key'),
    caFile: join(dir, 'ca.crt'),
  };
  await Promise.all([
    writeFile(files.certFile, pair.cert),
    writeFile(files.keyFile, pair.key),
    writeFile(files.caFile, ca.cert),
  ]);
  return files;
}

/** notes as in production: HTTPS on port 0, accepting only client certificates naming `gateway`. */
async function mtlsNotes(ca: CertificateAndKey) {
  const pair = await issueCertificate({ issuer: ca, names: ['notes', 'localhost', '127.0.0.1'] });
  const tls = await watchTlsFiles(await tlsFiles(pair, ca), { logger: quiet });
  const server = createTlsServer(
    (req, res) => {
      const peer =
        req.socket instanceof TLSSocket ? req.socket.getPeerX509Certificate() : undefined;
      res.end(JSON.stringify({ client: peer?.subjectAltName, url: req.url }));
    },
    tls,
    { allowedClients: ['gateway'], logger: quiet },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => {
    tls.close();
    server.closeAllConnections();
    return new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });
  return `https://localhost:${(server.address() as AddressInfo).port}`;
}

/** A gateway front whose upstream calls present the certificate issued for `names`. */
async function gatewayAs(names: string[], ca: CertificateAndKey, url: string) {
  const pair = await issueCertificate({ issuer: ca, names });
  const dispatcher = await createMtlsDispatcher({
    ...(await tlsFiles(pair, ca)),
    connectTimeoutMs: 2_000,
    headersTimeoutMs: 2_000,
    bodyTimeoutMs: 2_000,
    logger: quiet,
  });
  onTestFinished(() => dispatcher.destroy());
  return front(createUpstream({ name: 'notes', url, dispatcher, maxBodyBytes: 100 * 1024 }));
}

describe('upstream.forward over mutual TLS', () => {
  it('when the gateway presents its certificate, then notes accepts the forwarded request', async () => {
    const ca = await createCa();
    const gateway = await gatewayAs(['gateway'], ca, await mtlsNotes(ca));

    const reply = await send(`${gateway}/v1/notes?limit=1`);

    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ client: 'DNS:gateway', url: '/v1/notes?limit=1' });
  });

  it('when the certificate names another service, then notes refuses it and the client gets 502', async () => {
    const ca = await createCa();
    const gateway = await gatewayAs(['stranger'], ca, await mtlsNotes(ca));

    const reply = await send(`${gateway}/v1/notes`, { method: 'POST', body: '{}' });

    expect(reply.status).toBe(502);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });
});
