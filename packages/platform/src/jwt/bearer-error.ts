/**
 * An error for the platform's problem+json handler, carrying the RFC 6750 challenge.
 * Shaped like `HttpError` (`status`, `detail`, `headers`, `cause`) until that lands here.
 */
export interface BearerError extends Error {
  status: 401 | 403 | 503;
  detail: string;
  headers: Record<string, string>;
}

/**
 * Makes a `BearerError`; `challenge` becomes the `WWW-Authenticate` header, `cause` is logged only.
 *
 * @example
 * next(bearerError(401, 'The access token has expired', 'Bearer error="invalid_token"'));
 */
export function bearerError(
  status: BearerError['status'],
  detail: string,
  challenge?: string,
  cause?: unknown,
): BearerError {
  const headers: Record<string, string> =
    challenge === undefined ? {} : { 'www-authenticate': challenge };
  return Object.assign(new Error(detail, { cause }), { status, detail, headers });
}
