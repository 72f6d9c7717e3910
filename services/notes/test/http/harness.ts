import { join } from 'node:path';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { onTestFinished } from 'vitest';
import { parseConfig } from '@bulkhead/platform';
import { createNotesApp } from '../../src/app.ts';
import { configSchema } from '../../src/config.ts';
import { openDatabase } from '../../src/store/database.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { tempDir } from '../temp-dir.ts';

/** The problem+json body of an error response, as far as these tests read it. */
export interface ProblemBody {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

const issuer = 'bulkhead-auth';
const audience = 'bulkhead';

/** A real ES256 key pair and the local JWKS that publishes its public half, as auth would. */
export async function issuerKeys(kid = 'test-key') {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [jwk] });

  /** A signed access token; `claims` override the defaults (sub `alice`, both scopes, 5 min). */
  async function token(claims: JWTPayload = {}): Promise<string> {
    return new SignJWT({ scope: 'notes:read notes:write', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(typeof claims.sub === 'string' ? claims.sub : 'alice')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  }
  return { keys, token };
}

/**
 * The notes app on a real SQLite file in a temp dir; pass `path` to reopen an earlier file and
 * `now` for a clock that orders notes created within one millisecond.
 */
export async function notesApp({
  path = join(tempDir(), 'notes.db'),
  now,
}: { path?: string; now?: () => number } = {}) {
  const { keys, token } = await issuerKeys();
  const db = openDatabase(path);
  const store = new NoteStore(db, now && { now });
  onTestFinished(() => {
    store.close();
  });
  const config = parseConfig(configSchema, { DATABASE_PATH: path, LOG_LEVEL: 'silent' });
  const app = createNotesApp(config, { store, jwt: { keys, issuer, audience } });
  const bearer = async (claims?: JWTPayload) => `Bearer ${await token(claims)}`;
  return { app, store, db, path, bearer, token };
}
