import { noteReason } from '@bulkhead/platform';
import express, { Router } from 'express';
import { grantToken, type TokenGrantDependencies } from './grant-token.ts';
import { OAuthError } from './oauth-error.ts';
import { readTokenRequest } from './token-request.ts';

/**
 * auth's API; the token form may be `bodyLimit` bytes (`BODY_LIMIT`, 10 kB) and 20 fields:
 * | POST | /v1/token              | OAuth2 client credentials (RFC 6749 §4.4), form-urlencoded |
 * | GET  | /.well-known/jwks.json | the public signing keys, cacheable for 5 minutes           |
 */
export function authRoutes(
  dependencies: TokenGrantDependencies,
  { bodyLimit }: { bodyLimit: number },
): Router {
  const routes = Router();

  routes.post(
    '/v1/token',
    express.urlencoded({ extended: false, limit: bodyLimit, parameterLimit: 20 }),
    async (req, res) => {
      // RFC 6749 §5.1: token responses, errors included, are never cached.
      res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
      try {
        const request = readTokenRequest({
          authorization: req.headers.authorization,
          isForm: req.is('application/x-www-form-urlencoded') !== false,
          form: req.body as Record<string, unknown> | undefined,
        });
        // req.ip follows TRUST_PROXY: the caller's own address once the gateway's hop is trusted.
        res.json(await grantToken(request, req.ip ?? 'unknown', dependencies));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        noteReason(res, error.code);
        res.status(error.status).set(error.headers).json(error.body);
      }
    },
  );

  routes.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(dependencies.keys.current().jwks);
  });

  return routes;
}
