import type { Response } from 'express';
import type { JWTPayload } from 'jose';

/** Who a verified bearer token speaks for. */
export interface Principal {
  /** The token's `sub`: the client or user the request acts for. */
  subject: string;
  /** The token's space-separated `scope` claim, split. */
  scopes: readonly string[];
  /** Every claim of the verified token. */
  claims: Readonly<JWTPayload>;
}

// Only principals made here count, so nothing else that writes res.locals can pose as one.
const verified = new WeakSet<Principal>();

/** Records the principal of a verified token on the response; used by `requireJwt`. */
export function setPrincipal(res: Response, claims: JWTPayload & { sub: string }): Principal {
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const principal = Object.freeze({ subject: claims.sub, scopes, claims: Object.freeze(claims) });
  verified.add(principal);
  res.locals.principal = principal;
  return principal;
}

/**
 * The verified principal of this request. Throws (a 500, a wiring mistake) when `requireJwt` did
 * not run before.
 *
 * @example
 * router.get('/v1/notes', requireJwt(jwt), (req, res) => {
 *   res.json(store.list(principalOf(res).subject));
 * });
 */
export function principalOf(res: Response): Principal {
  const principal: unknown = res.locals.principal;
  if (typeof principal === 'object' && principal !== null && verified.has(principal as Principal)) {
    return principal as Principal;
  }
  throw new Error('principalOf() needs requireJwt() earlier in the chain');
}
