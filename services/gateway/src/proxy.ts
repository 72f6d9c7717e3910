import { requestIdOf } from '@bulkhead/platform';
import type { Request, RequestHandler, Response } from 'express';
import type { Upstream } from './upstream/upstream.ts';

/** Who a request counts against in the upstream's per-client share: a subject, an address. */
export type ClientOf = (req: Request, res: Response) => string;

/**
 * proxy forwards the request to `upstream` and streams its answer back. The request id the
 * platform assigned goes along, so one id follows the request through every service's logs.
 *
 * @example router.post('/v1/token', limitToken, proxy(auth, (req) => req.ip ?? ''));
 */
export function proxy(upstream: Upstream, clientOf: ClientOf): RequestHandler {
  return async function proxy(req, res) {
    const id = requestIdOf(req);
    await upstream.forward(
      req,
      res,
      id === undefined ? {} : { 'x-request-id': id },
      clientOf(req, res),
    );
  };
}
