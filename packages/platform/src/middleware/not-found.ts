import type { RequestHandler, Router } from 'express';
import { HttpError } from '../errors/http-error.ts';

/** The parts of router 2's Layer this module reads. */
interface Layer {
  match(path: string): { path: string } | false;
  route?: { methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function allowedMethods(stack: Layer[], path: string, allowed: Set<string>): Set<string> {
  for (const layer of stack) {
    const matched = layer.match(path);
    if (matched === false) continue;
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') continue;
        allowed.add(method.toUpperCase());
        if (method === 'get') allowed.add('HEAD');
      }
    } else if (layer.handle.stack) {
      allowedMethods(layer.handle.stack, path.slice(matched.path.length) || '/', allowed);
    }
  }
  return allowed;
}

/** Options of {@link notFound}. */
export interface NotFoundOptions {
  /** The service's routes, asked which methods a path does take. */
  routes: Router;
}

/** After the routes: 405 with `Allow` when the path exists with other methods, else 404. */
export function notFound({ routes }: NotFoundOptions): RequestHandler {
  const stack = routes.stack as unknown as Layer[];
  return function notFound(req, _res, next) {
    const allowed = [...allowedMethods(stack, req.path, new Set())];
    if (allowed.length === 0) {
      next(new HttpError(404, 'No route matches this path.'));
      return;
    }
    next(
      new HttpError(405, `This path does not take ${req.method}.`, {
        headers: { Allow: allowed.join(', ') },
      }),
    );
  };
}
