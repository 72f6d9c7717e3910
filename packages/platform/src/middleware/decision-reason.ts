import type { Response } from 'express';

/**
 * Records why a request was refused (a short code, never a secret: `token_expired`,
 * `insufficient_scope`, `rate_limited`, `invalid_client`, …). The access log line carries it as
 * `reason`, so brute force and floods are visible without a line of their own per request.
 * @example noteReason(res, 'rate_limited');
 */
export function noteReason(res: Response, reason: string): void {
  res.locals.reason = reason;
}

/** The reason recorded for this response, if any. */
export function reasonOf(res: Response): string | undefined {
  const { reason } = res.locals;
  return typeof reason === 'string' ? reason : undefined;
}
