import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';

/** A private signing key, its id (the file name without `.pem`) and when auth first saw it. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Epoch ms when the key was first published; `-Infinity` for keys present at startup. */
  publishedAt: number;
}

/** The loaded keys, sorted by kid, and every key's public half as a JWKS. */
export interface KeySet {
  keys: SigningKey[];
  jwks: { keys: JWK[] };
}

export interface SigningKeysOptions {
  /** The directory of `<kid>.pem` files (PKCS#8 or SEC1 EC P-256 private keys). */
  dir: string;
  /** How long a key added at run time is published before it signs (`JWT_KEY_ACTIVATION_DELAY_MS`). */
  activationDelayMs: number;
  /** Told about files skipped and reloads refused; the service passes its logger. */
  warn?: (message: string) => void;
  /** The clock, in epoch ms; tests pass their own. */
  now?: () => number;
}

// Files whose names could not be a kid, and kubelet's `..data` entries, are not keys.
const keyFileName = /^[A-Za-z0-9][\w.-]{0,127}\.pem$/;
const byKid = new Intl.Collator('en', { numeric: true });

/**
 * The newest key (the kid that sorts last) published at least `activationDelayMs` before `now`;
 * when none is, the newest key, because a token that some verifier may refuse for a moment beats
 * no token at all. `keys` must be sorted by kid and not empty.
 * @example chooseSigningKey(keys.current().keys, Date.now(), 120_000).kid;
 */
export function chooseSigningKey(
  keys: readonly SigningKey[],
  now: number,
  activationDelayMs: number,
): SigningKey {
  const active = keys.filter(({ publishedAt }) => publishedAt + activationDelayMs <= now);
  const newest = active.at(-1) ?? keys.at(-1);
  if (newest === undefined) throw new Error('no signing key');
  return newest;
}

/**
 * The JWT signing keys of a directory, kept current as files come and go (a kubelet `..data`
 * symlink swap too), without a restart. Every key is published at once; a key added at run time
 * signs only after `activationDelayMs`, so verifiers have fetched it before they meet its kid.
 * Keys present at startup sign at once; a removed file is gone from the JWKS and from signing at
 * once. Among the keys that may sign, the kid that sorts last does, with numeric collation
 * (`key-10` after `key-9`; ISO dates in order). Modification times are not used: a Kubernetes
 * Secret volume gives all its files the same one.
 * Emits `reload` with the current KeySet after each change was read.
 * @example
 * const keys = await SigningKeys.open({ dir: '/etc/bulkhead/jwt-keys', activationDelayMs: 120_000 });
 * keys.signing().kid;
 */
export class SigningKeys extends EventEmitter<{ reload: [KeySet] }> {
  #keySet: KeySet;
  #watcher: FSWatcher | undefined;
  #reloading: Promise<void> | undefined;
  #changes = 0;
  readonly #options: Required<SigningKeysOptions>;

  private constructor(options: Required<SigningKeysOptions>, keySet: KeySet) {
    super();
    this.#options = options;
    this.#keySet = keySet;
  }

  /** Loads the keys and starts watching; fails when the directory holds no usable key. */
  static async open({
    dir,
    activationDelayMs,
    warn = () => undefined,
    now = Date.now,
  }: SigningKeysOptions): Promise<SigningKeys> {
    // A fresh deployment must sign at once: keys present at startup count as long published.
    const keySet = await readKeySet(dir, warn, () => Number.NEGATIVE_INFINITY);
    if (keySet === undefined) throw new Error(`JWT_KEYS_DIR ${dir} holds no ES256 key (*.pem)`);
    const keys = new SigningKeys({ dir, activationDelayMs, warn, now }, keySet);
    keys.#watcher = watch(dir, () => {
      keys.#scheduleReload();
    });
    keys.#watcher.on('error', (error) => {
      warn(`watching JWT_KEYS_DIR ${dir} failed: ${error.message}`);
    });
    return keys;
  }

  /** The keys as last read, each with its publication time, and the JWKS to publish. */
  current(): KeySet {
    return this.#keySet;
  }

  /** The key that signs now (see `chooseSigningKey`). */
  signing(): SigningKey {
    return chooseSigningKey(
      this.#keySet.keys,
      this.#options.now(),
      this.#options.activationDelayMs,
    );
  }

  /** Stops watching the directory. */
  close(): void {
    this.#watcher?.close();
  }

  // One read at a time; changes seen during a read cause exactly one more read after it.
  #scheduleReload(): void {
    this.#changes += 1;
    if (this.#reloading !== undefined) return;
    this.#reloading = this.#reload().finally(() => {
      this.#reloading = undefined;
    });
  }

  async #reload(): Promise<void> {
    for (let seen = 0; seen < this.#changes;) {
      seen = this.#changes;
      const { dir, warn, now, activationDelayMs } = this.#options;
      // A kid already known keeps its publication time; a new one is published now.
      const known = new Map(this.#keySet.keys.map((key) => [key.kid, key.publishedAt]));
      const publishedAt = (kid: string) => known.get(kid) ?? now();
      const keySet = await readKeySet(dir, warn, publishedAt).catch((error: unknown) => {
        warn(`reading JWT_KEYS_DIR ${dir} failed: ${(error as Error).message}`);
        return undefined;
      });
      if (keySet === undefined) {
        warn(`JWT_KEYS_DIR ${dir} holds no usable key now; still using the keys read before`);
      } else {
        this.#keySet = keySet;
        if (keySet.keys.every((key) => key.publishedAt + activationDelayMs > now())) {
          warn(
            `JWT_KEYS_DIR ${dir} holds only keys published less than ${String(activationDelayMs)} ms ago; signing with the newest at once, and verifiers may refuse its tokens until they refetch the JWKS`,
          );
        }
      }
      this.emit('reload', this.#keySet);
    }
  }
}

async function readKeySet(
  dir: string,
  warn: (message: string) => void,
  publishedAt: (kid: string) => number,
): Promise<KeySet | undefined> {
  const kidOf = (name: string) => name.slice(0, -'.pem'.length);
  const names = (await readdir(dir)).filter((name) => keyFileName.test(name));
  // By kid, not file name: with the `.pem` in, `k-next.pem` would sort before `k.pem`.
  names.sort((a, b) => byKid.compare(kidOf(a), kidOf(b)));
  const keys: SigningKey[] = [];
  for (const name of names) {
    const kid = kidOf(name);
    try {
      const privateKey = toEs256Key(await readFile(join(dir, name), 'utf8'));
      keys.push({ kid, privateKey, publishedAt: publishedAt(kid) });
    } catch {
      // Also what a half-written file looks like; the write's own event reads it again.
      warn(`skipping ${name} in JWT_KEYS_DIR: not a readable EC P-256 private key`);
    }
  }
  if (keys.length === 0) return undefined;
  const jwks = await Promise.all(
    keys.map(async ({ kid, privateKey }) => ({
      ...(await exportJWK(createPublicKey(privateKey))),
      kid,
      alg: 'ES256',
      use: 'sig',
    })),
  );
  return { keys, jwks: { keys: jwks } };
}

function toEs256Key(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('not an EC P-256 key');
  }
  return key;
}
