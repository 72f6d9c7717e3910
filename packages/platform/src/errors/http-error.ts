/** Options of {@link HttpError}. */
export interface HttpErrorOptions {
  /** A URI naming the problem type; default `about:blank` (the title then says it all). */
  type?: string;
  /** The underlying error, for logs only; never sent to the client. */
  cause?: unknown;
  /** Headers to set on the problem response, e.g. `{ 'Retry-After': '30' }`. */
  headers?: Record<string, string>;
  /** Extra problem members, e.g. `errors` of a validation failure. */
  extensions?: Record<string, unknown>;
  /** Why, as a short code for the access log (`token_expired`); never sent, never a secret. */
  reason?: string;
}

/**
 * An error that becomes an RFC 9457 problem+json response. Throw it anywhere in a handler.
 *
 * @example
 * throw new HttpError(404, `no note ${id}`);
 */
export class HttpError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly type: string;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  readonly reason: string | undefined;

  constructor(status: number, detail: string, options: HttpErrorOptions = {}) {
    super(detail, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.detail = detail;
    this.type = options.type ?? 'about:blank';
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
    this.reason = options.reason;
  }
}
