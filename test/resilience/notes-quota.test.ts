import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type TestIssuer } from './issuer.ts';
import { killHard, startRealService, type RunningRealService } from './real-service.ts';
import { CHILD_TIMEOUT_MS } from './service.ts';

let issuer: TestIssuer;
let dir: string;
let notes: RunningRealService;
beforeAll(async () => {
  issuer = await startIssuer();
  dir = await mkdtemp(join(tmpdir(), 'bulkhead-quota-'));
  notes = await startRealService('notes', {
    JWKS_URL: issuer.jwksUrl,
    DATABASE_PATH: join(dir, 'notes.db'),
    OWNER_MAX_NOTES: '3',
    OWNER_MAX_BYTES: '4000',
  });
}, CHILD_TIMEOUT_MS);
afterAll(async () => {
  await killHard(notes);
  await issuer.close();
  await rm(dir, { recursive: true, force: true });
});

async function create(owner: string, body = 'x') {
  const res = await fetch(`${notes.api}/v1/notes`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await issuer.token(owner)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ title: 'n', body }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('notes: one writer against everyone', () => {
  it('when an owner reaches OWNER_MAX_NOTES, then 409 problem+json with the quota, while another owner still writes', async () => {
    const filled = [await create('mallory'), await create('mallory'), await create('mallory')];
    const beyond = await create('mallory');
    const other = await create('alice');

    expect(filled.map(({ status }) => status)).toEqual([201, 201, 201]);
    expect(beyond.status).toBe(409);
    expect(beyond.type).toMatch(/^application\/problem\+json/);
    expect(beyond.body).toMatchObject({ quota: { notes: { used: 3, limit: 3 } } });
    expect(other.status).toBe(201);
  });

  it('when a note would take an owner past OWNER_MAX_BYTES, then 409; a note that fits is stored', async () => {
    const fits = await create('eve', 'x'.repeat(3000));
    const tooMuch = await create('eve', 'x'.repeat(1000));
    const small = await create('eve', 'x'.repeat(100));

    expect(fits.status).toBe(201);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ quota: { bytes: { limit: 4000 } } });
    expect(small.status).toBe(201);
  });
});
