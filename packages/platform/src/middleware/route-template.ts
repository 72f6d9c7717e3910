import type { Request } from 'express';

/**
 * The matched route as written (`/v1/notes/:id`), or `unmatched`: never the raw path, so logs and
 * metric labels stay bounded whatever clients send. Mount routers at fixed prefixes.
 */
export function routeTemplate(req: Request): string {
  const route = req.route as { path?: string } | undefined;
  return route?.path === undefined ? 'unmatched' : `${req.baseUrl}${route.path}`;
}
