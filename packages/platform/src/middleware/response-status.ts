import type { Response } from 'express';

/** nginx's "client closed request": the client went away before the answer was complete. */
export const CLIENT_CLOSED_REQUEST = 499;

/**
 * The status a response ended with, for the access log and the metrics: the one it was sent
 * with, or 499 when the connection closed before the response finished, so a client that
 * abandons its requests (a stalled body, a timeout on its side) never shows up as a 200.
 * Call it on `close`.
 */
export function finalStatus(res: Response): number {
  return res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
}
