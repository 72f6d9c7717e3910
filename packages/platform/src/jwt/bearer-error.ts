import { HttpError } from '../errors/http-error.ts';

/**
 * An `HttpError` carrying the RFC 6750 challenge as `WWW-Authenticate`; `cause` is logged only.
 *
 * @example
 * next(bearerError(401, 'The access token has expired', { challenge: 'Bearer error="invalid_token"', reason: 'token_expired' }));
 */
export function bearerError(
  status: 401 | 403 | 503,
  detail: string,
  { challenge, cause, reason }: { challenge?: string; cause?: unknown; reason: string },
): HttpError {
  const headers: Record<string, string> =
    challenge === undefined ? {} : { 'www-authenticate': challenge };
  return new HttpError(status, detail, { headers, cause, reason });
}
