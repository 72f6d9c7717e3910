import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, type JWK } from 'jose';

/** A private signing key and its id (the file name without `.pem`). */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** The loaded keys: the one that signs, and every key's public half as a JWKS. */
export interface KeySet {
  signing: SigningKey;
  jwks: { keys: JWK[] };
}

export interface SigningKeysOptions {
  /** The directory of `<kid>.pem` files (PKCS#8 or SEC1 EC P-256 private keys). */
  dir: string;
  /** Told about files skipped and reloads refused; the service passes its logger. */
  warn?: (message: string) => void;
}

// Files whose names could not be a kid, and kubelet's `..data` entries, are not keys.
const keyFileName = /^[A-Za-z0-9][\w.-]{0,127}\.pem$/;
const byKid = new Intl.Collator('en', { numeric: true });

/**
 * The JWT signing keys of a directory, kept current as files come and go (a kubelet `..data`
 * symlink swap too), without a restart. The key whose kid sorts last signs, with numeric
 * collation (`key-10` after `key-9`; ISO dates in order); every key is published. Modification
 * times are not used: a Kubernetes Secret volume gives all its files the same one.
 * Emits `reload` with the current KeySet after each change was read.
 * @example
 * const keys = await SigningKeys.open({ dir: '/etc/bulkhead/jwt-keys', warn: logger.warn });
 * keys.current().signing.kid;
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
  static async open({ dir, warn = () => undefined }: SigningKeysOptions): Promise<SigningKeys> {
    const keySet = await readKeySet(dir, warn);
    if (keySet === undefined) throw new Error(`JWT_KEYS_DIR ${dir} holds no ES256 key (*.pem)`);
    const keys = new SigningKeys({ dir, warn }, keySet);
    keys.#watcher = watch(dir, () => {
      keys.#scheduleReload();
    });
    keys.#watcher.on('error', (error) => {
      warn(`watching JWT_KEYS_DIR ${dir} failed: ${error.message}`);
    });
    return keys;
  }

  /** The keys as last read. */
  current(): KeySet {
    return this.#keySet;
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
      const { dir, warn } = this.#options;
      const keySet = await readKeySet(dir, warn).catch((error: unknown) => {
        warn(`reading JWT_KEYS_DIR ${dir} failed: ${(error as Error).message}`);
        return undefined;
      });
      if (keySet === undefined) {
        warn(`JWT_KEYS_DIR ${dir} holds no usable key now; still using the keys read before`);
      } else this.#keySet = keySet;
      this.emit('reload', this.#keySet);
    }
  }
}

async function readKeySet(dir: string, warn: (message: string) => void) {
  const kidOf = (name: string) => name.slice(0, -'.pem'.length);
  const names = (await readdir(dir)).filter((name) => keyFileName.test(name));
  // By kid, not file name: with the `.pem` in, `k-next.pem` would sort before `k.pem`.
  names.sort((a, b) => byKid.compare(kidOf(a), kidOf(b)));
  const keys: SigningKey[] = [];
  for (const name of names) {
    const kid = kidOf(name);
    try {
      keys.push({ kid, privateKey: toEs256Key(await readFile(join(dir, name), 'utf8')) });
    } catch {
      // Also what a half-written file looks like; the write's own event reads it again.
      warn(`skipping ${name} in JWT_KEYS_DIR: not a readable EC P-256 private key`);
    }
  }
  const signing = keys.at(-1);
  if (signing === undefined) return undefined;
  const jwks = await Promise.all(
    keys.map(async ({ kid, privateKey }) => ({
      ...(await exportJWK(createPublicKey(privateKey))),
      kid,
      alg: 'ES256',
      use: 'sig',
    })),
  );
  return { signing, jwks: { keys: jwks } };
}

function toEs256Key(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('not an EC P-256 key');
  }
  return key;
}
