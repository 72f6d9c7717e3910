import { once } from 'node:events';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type RequestHandler, Router } from 'express';
import { type CryptoKey, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { Agent } from 'undici';
import { createApp } from '../../src/create-app.ts';
import { createLogger } from '../../src/logger/create-logger.ts';
import { principalOf } from '../../src/jwt/principal.ts';
import { createTestCa } from '../tls/test-ca.ts';

export const issuer = 'bulkhead-auth';
export const audience = 'bulkhead';
export const kid = 'key-1';

/** An issuer's ES256 key pair, published as a JWKS by a real HTTPS server on port 0. */
export async function startJwksServer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
  const ca = await createTestCa();
  const { cert, key } = await ca.issue(['localhost']);
  const server: Server = createServer({ cert, key }, (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  const dispatcher = new Agent({ connect: { ca: ca.cert } });
  const close = async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await dispatcher.close();
  };
  return { url, dispatcher, privateKey, publicPem: await exportSPKI(publicKey), close };
}

/** A token as auth issues it, with claims overridable; `sign` is the last step. */
export function token(claims: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'demo', scope: 'notes:read', ...claims })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300);
}

export function signEs256(jwt: SignJWT, privateKey: CryptoKey): Promise<string> {
  return jwt.setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(privateKey);
}

/** An app on the real platform chain that answers with the principal. */
export function appWith(...guards: RequestHandler[]) {
  const routes = Router();
  routes.get('/notes', ...guards, (_req, res) => {
    const { subject, scopes } = principalOf(res);
    res.json({ subject, scopes });
  });
  const logger = createLogger({ service: 'test', version: '0', level: 'silent' });
  return createApp({ service: 'test', version: '0', routes, logger });
}
