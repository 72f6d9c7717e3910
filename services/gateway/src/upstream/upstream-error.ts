import { HttpError } from '@bulkhead/platform';

/** Undici and socket error codes that mean the upstream did not answer in time. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

/** Codes that mean the connection failed before any response: safe to retry a GET once. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']);

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
export function toUpstreamError(name: string, error: unknown): HttpError {
  return TIMEOUT_CODES.has(errorCode(error) ?? '')
    ? new HttpError(504, `${name} did not answer in time`, { cause: error })
    : new HttpError(502, `${name} could not be reached`, { cause: error });
}

/** A 503 telling the client when to come back. */
export function unavailable(detail: string, retryAfterSeconds: number): HttpError {
  return new HttpError(503, detail, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
