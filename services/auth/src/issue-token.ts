import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-keys.ts';

export interface TokenClaims {
  issuer: string;
  audience: string;
  /** The client id; it becomes `sub` and `client_id`. */
  subject: string;
  scopes: string[];
  ttlSeconds: number;
}

/**
 * Signs an ES256 access token (RFC 9068 profile: `typ: at+jwt`, `kid` header) with `iss`, `aud`,
 * `sub`, `client_id`, `scope` (space-separated), `iat`, `exp` and a random `jti`.
 * @example const jwt = await issueToken(keys.signing(), { issuer: 'bulkhead-auth', … });
 */
export async function issueToken(
  { kid, privateKey }: Pick<SigningKey, 'kid' | 'privateKey'>,
  { issuer, audience, subject, scopes, ttlSeconds }: TokenClaims,
  now = Date.now(),
): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ scope: scopes.join(' '), client_id: subject })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}
