import { OAuthError } from './oauth-error.ts';

/** A client-credentials token request, as read from the HTTP request. */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  grantType: string;
  /** Requested scopes; undefined means "all the client may have". */
  scopes: string[] | undefined;
}

/** What `readTokenRequest` needs of the HTTP request. */
export interface TokenHttpRequest {
  authorization: string | undefined;
  /** False when the body has a content type other than application/x-www-form-urlencoded. */
  isForm: boolean;
  /** The parsed form; undefined without a body. */
  form: Record<string, unknown> | undefined;
}

/**
 * Reads a token request per RFC 6749 §4.4.2: client credentials from HTTP Basic (form-urlencoded
 * inside, §2.3.1) or the `client_id`/`client_secret` form fields, never both; `grant_type`; and
 * an optional space-separated `scope`. Throws an `OAuthError` naming what is wrong.
 * @example const request = readTokenRequest({ authorization, isForm: true, form: req.body });
 */
export function readTokenRequest({
  authorization,
  isForm,
  form = {},
}: TokenHttpRequest): TokenRequest {
  if (!isForm) {
    throw new OAuthError(
      'invalid_request',
      'send the parameters as application/x-www-form-urlencoded',
    );
  }
  const field = (name: string): string | undefined => {
    const value = form[name];
    if (value === undefined || typeof value === 'string') return value;
    throw new OAuthError('invalid_request', `${name} must appear once`);
  };
  const grantType = field('grant_type');
  const scope = field('scope');
  const formId = field('client_id');
  const formSecret = field('client_secret');
  const basic = readBasic(authorization);

  if (basic !== undefined && (formId !== undefined || formSecret !== undefined)) {
    throw new OAuthError(
      'invalid_request',
      'use HTTP Basic or form fields for the client, not both',
    );
  }
  const credentials =
    basic ?? (formSecret === undefined ? undefined : { id: formId, secret: formSecret });
  if (credentials === undefined) {
    throw new OAuthError('invalid_client', 'client authentication is required');
  }
  if (credentials.id === undefined) {
    throw new OAuthError('invalid_request', 'client_secret needs client_id');
  }
  if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported');
  }
  const scopes = scope?.split(' ').filter((token) => token !== '');
  return {
    clientId: credentials.id,
    clientSecret: credentials.secret,
    grantType,
    scopes: scopes === undefined || scopes.length === 0 ? undefined : [...new Set(scopes)],
  };
}

/** The id and secret of an `Authorization: Basic` header; undefined for another scheme. */
function readBasic(authorization = '') {
  if (!/^Basic /i.test(authorization)) return undefined;
  const encoded = authorization.slice('Basic '.length).trim();
  if (!/^[A-Za-z0-9+/]+=*$/.test(encoded)) {
    throw new OAuthError('invalid_client', 'the Basic credentials are not base64');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'the Basic credentials have no colon');
  try {
    return {
      id: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    throw new OAuthError('invalid_client', 'the Basic credentials are not form-urlencoded');
  }
}

/** application/x-www-form-urlencoded decoding of one value: `+` is a space, then `%XX`. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replaceAll('+', ' '));
}
