import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { listen } from './servers.ts';

/** A real ES256 issuer for tests: signs tokens and serves its JWKS from a server on port 0. */
export async function testIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const served = { fetches: 0 };
  const jwksUrl = await listen(
    createServer((_req, res) => {
      served.fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    }),
  );

  /** A token for `sub`, valid for five minutes unless `claims` says otherwise. */
  function token(sub: string, claims: JWTPayload = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const defaults = { iss: 'bulkhead-auth', aud: 'bulkhead', scope: 'notes:read notes:write' };
    return new SignJWT({ ...defaults, sub, iat: now, exp: now + 300, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'at+jwt' })
      .sign(privateKey);
  }

  return {
    jwksUrl: `${jwksUrl}/.well-known/jwks.json`,
    token,
    /** How often the JWKS was fetched. */
    get jwksFetches() {
      return served.fetches;
    },
  };
}
