import { STATUS_CODES, type ServerResponse } from 'node:http';

/** An RFC 9457 problem details object. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Builds a problem whose title is the status text, e.g. `problem(404, 'no note 7')`. */
export function problem(
  status: number,
  detail: string,
  { type = 'about:blank', instance, ...extensions }: Partial<Problem> = {},
): Problem {
  const title = STATUS_CODES[status] ?? 'Error';
  return { ...extensions, type, title, status, detail, ...(instance ? { instance } : {}) };
}

/** Writes `body` as `application/problem+json`; works on any Node response, Express or not. */
export function sendProblem(res: ServerResponse, body: Problem): void {
  const json = JSON.stringify(body);
  res.statusCode = body.status;
  res.setHeader('Content-Type', 'application/problem+json');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
