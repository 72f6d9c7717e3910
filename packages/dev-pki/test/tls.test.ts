import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCa, generateDevMaterial, issueCertificate } from '../src/index.ts';

let dir: string;
let server: Server | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-tls-'));
  await generateDevMaterial({ dir });
});
afterEach(() => {
  server?.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tlsFiles = async (service: string) => ({
  cert: await readFile(join(dir, service, 'tls.crt'), 'utf8'),
  key: await readFile(join(dir, service, 'tls.key'), 'utf8'),
  ca: await readFile(join(dir, service, 'ca.crt'), 'utf8'),
});

/** Starts an auth TLS server that requires a client certificate and records who it saw. */
async function startAuthServer() {
  const peers: string[] = [];
  server = createServer({ ...(await tlsFiles('auth')), requestCert: true }, (socket) => {
    peers.push(socket.getPeerX509Certificate()?.subjectAltName ?? '');
    socket.end('hello');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, peers };
}

/** Connects as a TLS client; resolves to what the server said, rejects when TLS refuses. */
function handshake(port: number, client: { cert: string; key: string; ca: string }) {
  return new Promise<string>((resolve, reject) => {
    const socket: TLSSocket = connect({ host: '127.0.0.1', port, servername: 'auth', ...client });
    socket.once('data', (data: Buffer) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('error', reject);
    socket.once('close', () => {
      reject(new Error('closed before the server answered'));
    });
  });
}

describe('generated service certificates over TLS', () => {
  it('when gateway calls auth with its certificate, then both sides authenticate each other', async () => {
    const { port, peers } = await startAuthServer();

    const answer = await handshake(port, await tlsFiles('gateway'));

    expect(answer).toBe('hello');
    expect(peers).toEqual([expect.stringContaining('DNS:gateway.bulkhead-gateway.svc')]);
  });

  it('when a client presents a certificate from another CA, then auth never accepts the connection', async () => {
    const { port, peers } = await startAuthServer();
    const other = await issueCertificate({ issuer: await createCa(), names: ['gateway'] });

    const attempt = handshake(port, { ...other, ca: (await tlsFiles('gateway')).ca });

    await expect(attempt).rejects.toThrow('closed before the server answered');
    expect(peers).toEqual([]);
  });
});
