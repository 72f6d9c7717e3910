import { HttpError } from '../errors/http-error.ts';

/**
 * An `HttpError` carrying the RFC 6750 challenge as `WWW-Authenticate`; `cause` is logged only.
 *
 * @example
 * next(bearerError(401, 'The access token has expired', 'Bearer error="invalid_token"'));
 */
export function bearerError(
  status: 401 | 403 | 503,
  detail: string,
  challenge?: string,
  cause?: unknown,
): HttpError {
  const headers: Record<string, string> =
    challenge === undefined ? {} : { 'www-authenticate': challenge };
  return new HttpError(status, detail, { headers, cause });
}
