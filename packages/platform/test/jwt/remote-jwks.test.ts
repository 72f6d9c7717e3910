import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteJwks } from '../../src/jwt/remote-jwks.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A key endpoint on port 0 that answers with `answer`. */
async function keyEndpoint(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((_req, res) => {
    answer(res);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
}

async function issuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const token = await new SignJWT({ sub: 'demo' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
    .setExpirationTime('5m')
    .sign(privateKey);
  return { jwk, token };
}

describe('remoteJwks against a hostile key endpoint', () => {
  it('when the endpoint streams 40 MB without a length, then it stops reading after 64 KiB and cuts the connection', async () => {
    const { token } = await issuer();
    let sent = 0;
    const closed = Promise.withResolvers<undefined>();
    const endpoint = await keyEndpoint((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      const chunk = Buffer.alloc(64 * 1024, ' ');
      // Writes as fast as the client reads, up to 40 MB.
      const pump = () => {
        while (sent < 40 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end(']}');
      };
      res.once('close', () => {
        closed.resolve(undefined);
      });
      pump();
    });

    const verifying = jwtVerify(token, remoteJwks({ url: endpoint, timeoutMs: 10_000 }));

    await expect(verifying).rejects.toThrow('the JWKS is larger than 65536 bytes');
    await closed.promise;
    expect(sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('when the endpoint announces a large Content-Length, then nothing is read', async () => {
    const { token } = await issuer();
    const url = await keyEndpoint((res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(40 * 2 ** 20),
      });
      res.write('{"keys":[');
    });

    await expect(jwtVerify(token, remoteJwks({ url }))).rejects.toThrow('larger than 65536 bytes');
  });

  it('when the key set holds 20 keys, then it is refused; the same key alone verifies (control)', async () => {
    const { jwk, token } = await issuer();
    const many = await keyEndpoint((res) => {
      res.end(
        JSON.stringify({
          keys: Array.from({ length: 20 }, (_, i) => ({ ...jwk, kid: `k${i + 1}` })),
        }),
      );
    });
    const one = await keyEndpoint((res) => {
      res.end(JSON.stringify({ keys: [jwk] }));
    });

    await expect(jwtVerify(token, remoteJwks({ url: many }))).rejects.toThrow(
      'holds 20 keys, more than 16',
    );
    await expect(jwtVerify(token, remoteJwks({ url: one }))).resolves.toMatchObject({
      payload: { sub: 'demo' },
    });
  });
});
