import { createPublicKey } from 'node:crypto';
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';

/** The auth signing key a test holds: its kid and its PKCS#8 PEM. */
export interface SigningKey {
  kid: string;
  pem: string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims like auth's, for the demo client, valid for five minutes unless `claims` says otherwise. */
function claimsOf(claims: JWTPayload): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'bulkhead-auth',
    aud: 'bulkhead',
    sub: 'demo',
    client_id: 'demo',
    scope: 'notes:read notes:write',
    iat: now,
    exp: now + 300,
    jti: crypto.randomUUID(),
    ...claims,
  };
}

/** A token signed with auth's real key, as auth would sign it, with `claims` on top. */
export async function signWith({ kid, pem }: SigningKey, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT(claimsOf(claims))
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
    .sign(await importPKCS8(pem, 'ES256'));
}

/**
 * Tokens no verifier may accept: expired and wrong-audience ones signed with the real key, an
 * unsigned `alg: none` one, and an HS256 one whose HMAC secret is the public key (the classic
 * algorithm-confusion forgery).
 */
export async function forgedTokens(key: SigningKey): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const publicPem = createPublicKey(key.pem).export({ type: 'spki', format: 'pem' }).toString();
  return {
    expired: await signWith(key, { iat: now - 900, exp: now - 600 }),
    'wrong-audience': await signWith(key, { aud: 'someone-else' }),
    'alg none': `${base64url({ alg: 'none', typ: 'at+jwt', kid: key.kid })}.${base64url(claimsOf({}))}.`,
    'HS256 with the public key': await new SignJWT(claimsOf({}))
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })
      .sign(new TextEncoder().encode(publicPem)),
  };
}
