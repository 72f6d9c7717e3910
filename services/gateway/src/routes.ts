import { principalOf } from '@bulkhead/platform';
import { Router, type RequestHandler } from 'express';
import { corsFor } from './cors.ts';
import { proxy } from './proxy.ts';
import type { Upstream } from './upstream/upstream.ts';

/** What {@link gatewayRoutes} routes to and guards with. */
export interface GatewayRoutesOptions {
  notes: Upstream;
  auth: Upstream;
  /** Bearer-token check, `requireJwt(...)`. */
  requireJwt: RequestHandler;
  /** Per-subject limit on the API; runs after `requireJwt`. */
  limitApi: RequestHandler;
  /** Per-IP limit on the token route. */
  limitToken: RequestHandler;
  /** `GET /.well-known/jwks.json` from the gateway's own copy of auth's keys. */
  publishedKeys: RequestHandler;
  /** Browser origins allowed; no CORS headers at all when absent. */
  corsOrigins?: readonly string[];
}

/**
 * The gateway's route table. The gateway owns no resource: it checks, limits and forwards.
 *
 * | route                          | guard                      | upstream |
 * | ------------------------------ | -------------------------- | -------- |
 * | POST /v1/token                 | per-IP limit               | auth     |
 * | GET /.well-known/jwks.json     | —                          | (its own copy of auth's keys) |
 * | any /v1/notes, /v1/notes/*     | bearer JWT, per-sub limit  | notes    |
 */
export function gatewayRoutes({
  notes,
  auth,
  requireJwt,
  limitApi,
  limitToken,
  publishedKeys,
  corsOrigins,
}: GatewayRoutesOptions): Router {
  const router = Router();
  if (corsOrigins !== undefined) router.use(corsFor(corsOrigins));

  // An anonymous route counts per address, as its rate limit does; the API per token subject.
  router.post(
    '/v1/token',
    limitToken,
    proxy(auth, (req) => req.ip ?? 'unknown'),
  );
  router.get('/.well-known/jwks.json', publishedKeys);
  // Two routes, not one array route, so each logs and counts under one clean template.
  const toNotes = proxy(notes, (_req, res) => principalOf(res).subject);
  router.all('/v1/notes', requireJwt, limitApi, toNotes);
  router.all('/v1/notes/*rest', requireJwt, limitApi, toNotes);
  return router;
}
