import type { RequestHandler } from 'express';
import { bearerError } from './bearer-error.ts';
import { principalOf } from './principal.ts';

/**
 * Lets the request through only when its verified token grants `scope`; otherwise 403 with
 * `WWW-Authenticate: Bearer error="insufficient_scope"` (RFC 6750). Put it after `requireJwt`.
 *
 * @example
 * router.post('/v1/notes', requireJwt(jwt), requireScope('notes:write'), createNote);
 */
export function requireScope(scope: string): RequestHandler {
  return function requireScope(_req, res, next) {
    if (principalOf(res).scopes.includes(scope)) {
      next();
      return;
    }
    const challenge = `Bearer error="insufficient_scope", scope="${scope}"`;
    next(
      bearerError(403, `The access token does not grant the "${scope}" scope`, {
        challenge,
        reason: 'insufficient_scope',
      }),
    );
  };
}
