import { generateJwtKey } from '@bulkhead/dev-pki';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SigningKeys, type KeySet } from '../src/signing-keys.ts';

let dir: string;
let keys: SigningKeys | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-keys-'));
});
afterEach(async () => {
  keys?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a key file the way a careful writer does: whole, then renamed into place. */
async function addKey(kid: string, into = dir) {
  const tmp = join(dir, `.${kid}.tmp`);
  await writeFile(tmp, generateJwtKey({ kid }).pem);
  await rename(tmp, join(into, `${kid}.pem`));
}

/** Resolves once a reload leaves the keys satisfying `done`; no timers. */
function reloadedUntil(store: SigningKeys, done: (keySet: KeySet) => boolean) {
  return new Promise<KeySet>((resolve) => {
    const check = (keySet: KeySet) => {
      if (!done(keySet)) return;
      store.off('reload', check);
      resolve(keySet);
    };
    store.on('reload', check);
  });
}

const kids = (keySet: KeySet) => keySet.jwks.keys.map(({ kid }) => kid);

const delayMs = 120_000;
/** A clock the test moves by hand: no sleeps. */
let clock: number;
const now = () => clock;
const open = (options: { warn?: (message: string) => void } = {}) =>
  SigningKeys.open({ dir, activationDelayMs: delayMs, now, ...options });

describe('SigningKeys', () => {
  beforeEach(() => {
    clock = Date.parse('2026-01-01T00:00:00Z');
  });

  it('when several keys exist at startup, then the one whose kid sorts last signs at once and all are published', async () => {
    await addKey('key-9');
    await addKey('key-10');
    await addKey('key-2');

    keys = await open();

    expect(keys.signing().kid).toBe('key-10');
    expect(kids(keys.current())).toEqual(['key-2', 'key-9', 'key-10']);
  });

  it('when a kid extends another one, then the longer kid sorts last and signs', async () => {
    await addKey('20260101T000000Z-next');
    await addKey('20260101T000000Z');

    keys = await open();

    expect(keys.signing().kid).toBe('20260101T000000Z-next');
  });

  it('when publishing, then shows only public ES256 signing keys', async () => {
    await addKey('20250601T120000Z');

    keys = await open();

    const [jwk] = keys.current().jwks.keys;
    expect(jwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String) as string,
      y: expect.any(String) as string,
      kid: '20250601T120000Z',
      alg: 'ES256',
      use: 'sig',
    });
  });

  it('when a key file is added, then it is published at once but the old key signs until the activation delay has passed', async () => {
    await addKey('20250601T120000Z');
    keys = await open();
    const reloaded = reloadedUntil(keys, (keySet) => keySet.keys.length === 2);

    await addKey('20250701T120000Z');
    const keySet = await reloaded;
    clock += delayMs - 1;

    expect(kids(keySet)).toEqual(['20250601T120000Z', '20250701T120000Z']);
    expect(keys.signing().kid).toBe('20250601T120000Z');
  });

  it('when an added key has been published for the activation delay, then it signs', async () => {
    await addKey('20250601T120000Z');
    keys = await open();
    const reloaded = reloadedUntil(keys, (keySet) => keySet.keys.length === 2);
    await addKey('20250701T120000Z');
    await reloaded;

    clock += delayMs;

    expect(keys.signing().kid).toBe('20250701T120000Z');
  });

  it('when the signing key file is removed, then it is no longer published and the next key signs at once', async () => {
    await addKey('old');
    await addKey('new');
    keys = await open();
    const reloaded = reloadedUntil(keys, (keySet) => !kids(keySet).includes('new'));

    await rm(join(dir, 'new.pem'));

    expect(kids(await reloaded)).toEqual(['old']);
    expect(keys.signing().kid).toBe('old');
  });

  it('when a key is removed after a newer one was added, then the newer one keeps waiting for its delay while the rest sign', async () => {
    await addKey('a');
    await addKey('b');
    keys = await open();
    const added = reloadedUntil(keys, (keySet) => kids(keySet).includes('c'));
    await addKey('c');
    await added;
    const removed = reloadedUntil(keys, (keySet) => !kids(keySet).includes('b'));

    await rm(join(dir, 'b.pem'));
    await removed;

    expect(keys.signing().kid).toBe('a');
    clock += delayMs;
    expect(keys.signing().kid).toBe('c');
  });

  it('when every key that could sign is removed at once, then the newest added key signs at once and a warning says so', async () => {
    await addKey('old');
    const warnings: string[] = [];
    keys = await open({ warn: (message) => warnings.push(message) });
    const added = reloadedUntil(keys, (keySet) => kids(keySet).includes('new'));
    await addKey('new');
    await added;
    const removed = reloadedUntil(keys, (keySet) => !kids(keySet).includes('old'));

    await rm(join(dir, 'old.pem'));
    await removed;

    expect(keys.signing().kid).toBe('new');
    expect(warnings.at(-1)).toContain('holds only keys published less than 120000 ms ago');
  });

  it('when kubelet swaps the ..data link, then the keys of the new version are used', async () => {
    await mkdir(join(dir, '..v1'));
    await addKey('first', join(dir, '..v1'));
    await symlink('..v1', join(dir, '..data'));
    await symlink('..data/first.pem', join(dir, 'first.pem'));
    keys = await open();
    const reloaded = reloadedUntil(keys, (keySet) => kids(keySet).includes('second'));

    await mkdir(join(dir, '..v2'));
    await addKey('first', join(dir, '..v2'));
    await addKey('second', join(dir, '..v2'));
    await symlink('..v2', join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    await symlink('..data/second.pem', join(dir, 'second.pem'));

    expect(kids(await reloaded)).toEqual(['first', 'second']);
    expect(keys.signing().kid).toBe('first');
    clock += delayMs;
    expect(keys.signing().kid).toBe('second');
  });

  it('when a file is not a P-256 key, then skips it and says so', async () => {
    await addKey('good');
    await writeFile(join(dir, 'broken.pem'), 'not a key');
    const warnings: string[] = [];

    keys = await open({ warn: (message) => warnings.push(message) });

    expect(kids(keys.current())).toEqual(['good']);
    expect(warnings).toEqual([expect.stringContaining('skipping broken.pem') as string]);
  });

  it('when the last key file is removed, then keeps the keys it had and warns', async () => {
    await addKey('only');
    const warnings: string[] = [];
    keys = await open({ warn: (message) => warnings.push(message) });
    const reloaded = reloadedUntil(keys, () => warnings.length > 0);

    await rm(join(dir, 'only.pem'));

    expect(kids(await reloaded)).toEqual(['only']);
    expect(warnings[0]).toContain('holds no usable key now; still using the keys read before');
  });

  it('when the directory holds no key, then refuses to start', async () => {
    await expect(open()).rejects.toThrow(`JWT_KEYS_DIR ${dir} holds no ES256 key`);
  });
});
