/** Undici and socket error codes that mean the upstream did not answer in time. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

/** Codes that mean the connection failed before any response: safe to retry a GET once. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']);

/**
 * UpstreamError is why the gateway could not get an answer from an upstream, with the status and
 * headers of the problem it answers the client: 413, 502, 503 (with `Retry-After`) or 504.
 */
export class UpstreamError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    { headers = {}, cause }: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, { cause });
    this.name = 'UpstreamError';
    this.status = status;
    this.headers = headers;
  }
}

/** The error `code` of a Node or undici error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Whether `error` is a connection that was refused or reset before any response. */
export function isConnectionError(error: unknown): boolean {
  return CONNECTION_CODES.has(errorCode(error) ?? '');
}

/** The client-facing error for a failed call to upstream `name`: 504 on timeouts, else 502. */
export function toUpstreamError(name: string, error: unknown): UpstreamError {
  return TIMEOUT_CODES.has(errorCode(error) ?? '')
    ? new UpstreamError(504, `${name} did not answer in time`, { cause: error })
    : new UpstreamError(502, `${name} could not be reached`, { cause: error });
}

/** A 503 telling the client when to come back. */
export function unavailable(detail: string, retryAfterSeconds: number): UpstreamError {
  return new UpstreamError(503, detail, { headers: { 'retry-after': String(retryAfterSeconds) } });
}
