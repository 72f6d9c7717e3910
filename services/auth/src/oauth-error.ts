/**
 * The error codes of RFC 6749 §5.2 that a client-credentials token endpoint answers, and
 * `temporarily_unavailable` (§4.1.2.1) for "not now": slowed after failures, or too busy.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'temporarily_unavailable';

/**
 * A token-endpoint error, answered as RFC 6749 §5.2 JSON (`{ error, error_description }`), not
 * problem+json: OAuth clients parse this shape, a 429 or 503 included. `invalid_client` is 401
 * with a Basic challenge; `temporarily_unavailable` carries `Retry-After`.
 * @example throw new OAuthError('invalid_scope', 'notes:admin is not granted to this client');
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: 400 | 401 | 429 | 503;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: OAuthErrorCode,
    description: string,
    { status, retryAfterSeconds }: { status?: 429 | 503; retryAfterSeconds?: number } = {},
  ) {
    super(description);
    this.name = 'OAuthError';
    this.code = code;
    this.status = status ?? (code === 'invalid_client' ? 401 : 400);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The response headers beyond the JSON content type. */
  get headers(): Record<string, string> {
    if (this.status === 401) return { 'WWW-Authenticate': 'Basic realm="bulkhead"' };
    return this.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(this.retryAfterSeconds) };
  }

  /** The response body. */
  get body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}
