import { generateJwtKey } from '@bulkhead/dev-pki';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueToken } from '../src/issue-token.ts';

describe('issueToken', () => {
  const { pem } = generateJwtKey();
  const key = { kid: '20250601T120000Z', privateKey: createPrivateKey(pem) };
  const claims = {
    issuer: 'bulkhead-auth',
    audience: 'bulkhead',
    subject: 'demo',
    scopes: ['notes:read', 'notes:write'],
    ttlSeconds: 300,
  };

  it('when issued, then verifies as ES256 with every claim a resource server needs', async () => {
    const token = await issueToken(key, claims);

    const { payload, protectedHeader } = await jwtVerify(token, createPublicKey(key.privateKey), {
      algorithms: ['ES256'],
      issuer: 'bulkhead-auth',
      audience: 'bulkhead',
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: '20250601T120000Z' });
    expect(payload).toMatchObject({
      sub: 'demo',
      client_id: 'demo',
      scope: 'notes:read notes:write',
    });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when issued, then expires the given number of seconds after it was issued', async () => {
    const now = Date.parse('2025-06-01T12:00:00Z');

    const token = await issueToken(key, { ...claims, ttlSeconds: 120 }, now);

    const { payload } = await jwtVerify(token, createPublicKey(key.privateKey), {
      currentDate: new Date(now),
    });
    expect(payload.iat).toBe(now / 1000);
    expect(payload.exp).toBe(now / 1000 + 120);
  });

  it('when issued twice, then each token has its own jti', async () => {
    const [first, second] = await Promise.all([issueToken(key, claims), issueToken(key, claims)]);

    const jti = async (token: string) =>
      (await jwtVerify(token, createPublicKey(key.privateKey))).payload.jti;
    expect(await jti(first)).not.toBe(await jti(second));
    expect(decodeProtectedHeader(first).kid).toBe(key.kid);
  });
});
