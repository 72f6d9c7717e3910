import { authenticateClient } from './authenticate-client.ts';
import type { Client } from './clients.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import type { SecretChecks } from './secret-checks.ts';
import { issueToken } from './issue-token.ts';
import { OAuthError } from './oauth-error.ts';
import type { SigningKeys } from './signing-keys.ts';
import type { TokenRequest } from './token-request.ts';

/** What `grantToken` needs: the clients, the keys, the limiters and the token settings. */
export interface TokenGrantDependencies {
  clients: ReadonlyMap<string, Client>;
  keys: SigningKeys;
  /** Failures of one client id from one source. */
  limiter: FailureLimiter;
  /** Failures from one source, whatever the client id. */
  sourceLimiter: FailureLimiter;
  secretChecks: SecretChecks;
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
 * Authenticates the client and issues its token. Failures are counted per client id *and*
 * source, and per source: a source that keeps failing is slowed (429 `temporarily_unavailable`
 * with `Retry-After`) before any hashing, and nobody else is, so the right secret from another source
 * always goes through. Every other refusal is an `OAuthError`.
 * @example res.json(await grantToken(readTokenRequest(…), req.ip, dependencies));
 */
export async function grantToken(
  { clientId, clientSecret, scopes }: TokenRequest,
  source: string,
  {
    clients,
    keys,
    limiter,
    sourceLimiter,
    secretChecks,
    issuer,
    audience,
    ttlSeconds,
  }: TokenGrantDependencies,
): Promise<TokenResponse> {
  if (!possibleClientId.test(clientId)) {
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  const pair = `${clientId} from ${source}`;
  const retryAfter = Math.max(limiter.retryAfter(pair), sourceLimiter.retryAfter(source));
  if (retryAfter > 0) {
    throw new OAuthError(
      'temporarily_unavailable',
      `too many failed attempts; retry in ${retryAfter} s`,
      {
        status: 429,
        retryAfterSeconds: retryAfter,
      },
    );
  }
  const client = await secretChecks(() => authenticateClient(clients, clientId, clientSecret));
  if (client === undefined) {
    limiter.recordFailure(pair);
    sourceLimiter.recordFailure(source);
    throw new OAuthError('invalid_client', 'client authentication failed');
  }
  limiter.reset(pair);

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
