import { once } from 'node:events';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A real ES256 issuer standing in for auth: signs tokens and serves its JWKS on port 0. */
export interface TestIssuer {
  jwksUrl: string;
  /** A five-minute token for `sub` with both notes scopes. */
  token: (sub: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Starts the issuer's JWKS server: HTTPS with `tls` (a certificate the services' CA signed, so
 * their mTLS dispatcher trusts it), plain HTTP without.
 */
export async function startIssuer(tls?: { cert: string; key: string }): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'resilience', alg: 'ES256', use: 'sig' };
  const serveKeys: RequestListener = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  };
  const server = tls ? createHttpsServer(tls, serveKeys) : createHttpServer(serveKeys);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const scheme = tls ? 'https' : 'http';

  return {
    jwksUrl: `${scheme}://127.0.0.1:${port}/.well-known/jwks.json`,
    token: (sub) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ sub, scope: 'notes:read notes:write', iat: now, exp: now + 300 })
        .setProtectedHeader({ alg: 'ES256', kid: 'resilience', typ: 'at+jwt' })
        .setIssuer('bulkhead-auth')
        .setAudience('bulkhead')
        .sign(privateKey);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
