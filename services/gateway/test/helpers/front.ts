import { createServer } from 'node:http';
import { HttpError } from '@bulkhead/platform';
import type { Upstream } from '../../src/upstream/upstream.ts';
import { listen } from './servers.ts';

/**
 * A bare front server that forwards every request to `upstream` and writes an HttpError the
 * way the platform's error handler does, so the upstream client is tested on its own.
 */
export function front(upstream: Upstream): Promise<string> {
  return listen(
    createServer((req, res) => {
      upstream.forward(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        const problem = error instanceof HttpError ? error : new HttpError(500, 'bug');
        res.writeHead(problem.status, {
          'content-type': 'application/problem+json',
          ...problem.headers,
        });
        res.end(JSON.stringify({ status: problem.status, detail: problem.detail }));
      });
    }),
  );
}
