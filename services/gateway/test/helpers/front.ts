import { createServer } from 'node:http';
import { UpstreamError } from '../../src/upstream/upstream-error.ts';
import type { Upstream } from '../../src/upstream/upstream.ts';
import { listen } from './servers.ts';

/**
 * A bare front server that forwards every request to `upstream` and writes an UpstreamError the
 * way the platform's error handler does, so the upstream client is tested without Express.
 */
export function front(upstream: Upstream): Promise<string> {
  return listen(
    createServer((req, res) => {
      upstream.forward(req, res).catch((error: unknown) => {
        if (res.headersSent) return void res.destroy();
        const problem = error instanceof UpstreamError ? error : new UpstreamError(500, 'bug');
        res.writeHead(problem.status, {
          'content-type': 'application/problem+json',
          ...problem.headers,
        });
        res.end(JSON.stringify({ status: problem.status, detail: problem.message }));
      });
    }),
  );
}
