/** The error codes of RFC 6749 §5.2 that a client-credentials token endpoint answers. */
export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/**
 * A token-endpoint error, answered as RFC 6749 §5.2 JSON (`{ error, error_description }`), not
 * problem+json: OAuth clients parse this shape. `invalid_client` is 401 with a Basic challenge.
 * @example throw new OAuthError('invalid_scope', 'notes:admin is not granted to this client');
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: 400 | 401;

  constructor(code: OAuthErrorCode, description: string) {
    super(description);
    this.name = 'OAuthError';
    this.code = code;
    this.status = code === 'invalid_client' ? 401 : 400;
  }

  /** The response headers beyond the JSON content type. */
  get headers(): Record<string, string> {
    return this.status === 401 ? { 'WWW-Authenticate': 'Basic realm="bulkhead"' } : {};
  }

  /** The response body. */
  get body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
