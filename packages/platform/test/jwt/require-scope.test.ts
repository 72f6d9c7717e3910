import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteJwks } from '../../src/jwt/remote-jwks.ts';
import { requireJwt } from '../../src/jwt/require-jwt.ts';
import { requireScope } from '../../src/jwt/require-scope.ts';
import { appWith, audience, issuer, signEs256, startJwksServer, token } from './jwks-fixture.ts';

let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let jwt: ReturnType<typeof requireJwt>;

beforeAll(async () => {
  jwks = await startJwksServer();
  jwt = requireJwt({
    keys: remoteJwks({ url: jwks.url, dispatcher: jwks.dispatcher }),
    issuer,
    audience,
  });
});
afterAll(() => jwks.close());

describe('requireScope', () => {
  it('when the token grants the scope, then the request goes through', async () => {
    const app = appWith(jwt, requireScope('notes:write'));
    const bearer = await signEs256(token({ scope: 'notes:read notes:write' }), jwks.privateKey);

    const response = await request(app).get('/notes').set('authorization', `Bearer ${bearer}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ subject: 'demo', scopes: ['notes:read', 'notes:write'] });
  });

  it('when the token lacks the scope, then 403 insufficient_scope naming it', async () => {
    const app = appWith(jwt, requireScope('notes:write'));
    const bearer = await signEs256(token({ scope: 'notes:read' }), jwks.privateKey);

    const response = await request(app).get('/notes').set('authorization', `Bearer ${bearer}`);

    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", scope="notes:write"',
    );
  });

  it('when the token has no scope claim, then 403', async () => {
    const app = appWith(jwt, requireScope('notes:read'));
    const bearer = await signEs256(token({ scope: undefined }), jwks.privateKey);

    const response = await request(app).get('/notes').set('authorization', `Bearer ${bearer}`);

    expect(response.status).toBe(403);
  });

  it('when requireJwt did not run first, then it answers 500 instead of letting the request through', async () => {
    const app = appWith(requireScope('notes:read'));

    const response = await request(app).get('/notes');

    expect(response.status).toBe(500);
  });
});
