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

/**
 * The client-facing error for a failed call to upstream `name`: 504 on timeouts; 503 with
 * `Retry-After` when the connection is refused (nothing listens yet, e.g. the upstream is
 * restarting: worth retrying); else 502 (a reset or a garbled answer after connecting).
 */
export function toUpstreamError(name: string, error: unknown): HttpError {
  const code = errorCode(error) ?? '';
  if (TIMEOUT_CODES.has(code)) {
    return new HttpError(504, `${name} did not answer in time`, { cause: error });
  }
  if (code === 'ECONNREFUSED') {
    return new HttpError(503, `${name} is not accepting connections`, {
      cause: error,
      headers: { 'Retry-After': '1' },
    });
  }
  return new HttpError(502, `${name} could not be reached`, { cause: error });
}

/** A 503 telling the client when to come back. */
export function unavailable(detail: string, retryAfterSeconds: number): HttpError {
  return new HttpError(503, detail, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
