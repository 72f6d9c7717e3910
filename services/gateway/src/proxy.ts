import { requestIdOf } from '@bulkhead/platform';
import type { RequestHandler } from 'express';
import type { Upstream } from './upstream/upstream.ts';

/**
 * proxy forwards the request to `upstream` and streams its answer back. The request id the
 * platform assigned goes along, so one id follows the request through every service's logs.
 *
 * @example router.get('/.well-known/jwks.json', proxy(auth));
 */
export function proxy(upstream: Upstream): RequestHandler {
  return async function proxy(req, res) {
    const id = requestIdOf(req);
    await upstream.forward(req, res, id === undefined ? {} : { 'x-request-id': id });
  };
}
