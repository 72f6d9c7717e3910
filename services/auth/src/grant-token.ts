import { HttpError } from '@bulkhead/platform';
import { authenticateClient } from './authenticate-client.ts';
import type { Client } from './clients.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import { issueToken } from './issue-token.ts';
import { OAuthError } from './oauth-error.ts';
import type { SigningKeys } from './signing-keys.ts';
import type { TokenRequest } from './token-request.ts';

/** What `grantToken` needs: the clients, the keys, the limiter and the token settings. */
export interface TokenGrantDependencies {
  clients: ReadonlyMap<string, Client>;
  keys: SigningKeys;
  limiter: FailureLimiter;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** The successful token response of RFC 6749 §5.1. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

// Ids the clients file could not hold are refused before any work and not counted, so junk ids
// cannot fill the limiter.
const possibleClientId = /^[\w.:-]{1,128}$/;

/**
 * Authenticates the client and issues its token. A client id with too many recent failures gets
 * a 429 `HttpError` with `Retry-After`; every other refusal is an `OAuthError`.
 * @example res.json(await grantToken(readTokenRequest(…), dependencies));
 */
export async function grantToken(
  { clientId, clientSecret, scopes }: TokenRequest,
  { clients, keys, limiter, issuer, audience, ttlSeconds }: TokenGrantDependencies,
): Promise<TokenResponse> {
  if (!possibleClientId.test(clientId)) {
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  const retryAfter = limiter.retryAfter(clientId);
  if (retryAfter > 0) {
    throw new HttpError(
      429,
      `Too many failed attempts for this client; retry in ${retryAfter} s.`,
      {
        headers: { 'Retry-After': String(retryAfter) },
      },
    );
  }
  const client = await authenticateClient(clients, clientId, clientSecret);
  if (client === undefined) {
    limiter.recordFailure(clientId);
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  limiter.reset(clientId);

  const granted = scopes ?? client.scopes;
  const refused = granted.filter((scope) => !client.scopes.includes(scope));
  if (refused.length > 0) {
    throw new OAuthError('invalid_scope', `not granted to this client: ${refused.join(' ')}`);
  }
  const accessToken = await issueToken(keys.signing(), {
    issuer,
    audience,
    subject: client.id,
    scopes: granted,
    ttlSeconds,
  });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ttlSeconds,
    scope: granted.join(' '),
  };
}
