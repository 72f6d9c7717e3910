import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** The PHC string format of a scrypt hash, as `clients.json` stores it. */
export const phcPattern =
  /^\$scrypt\$ln=(?<ln>\d{1,2}),r=(?<r>\d{1,2}),p=(?<p>\d{1,2})\$(?<salt>[A-Za-z0-9+/]{11,64})\$(?<hash>[A-Za-z0-9+/]{22,86})$/;

const defaults: ScryptParams = { ln: 15, r: 8, p: 1 };

/**
 * Hashes a client secret with scrypt (random 16-byte salt, 32-byte key) into a PHC string, which
 * carries its parameters so they can be raised later without breaking stored hashes.
 * @example await hashSecret('s3cret') // '$scrypt$ln=15,r=8,p=1$<salt>$<hash>'
 */
export async function hashSecret(secret: string, params: ScryptParams = defaults): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, 32, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Checks a secret against a PHC string from `hashSecret`, in time that does not depend on where
 * the two differ. A malformed or out-of-range PHC string never matches.
 * @example if (await verifySecret(secret, client.secretHash)) { … }
 */
export async function verifySecret(secret: string, phc: string): Promise<boolean> {
  const parsed = phcPattern.exec(phc)?.groups;
  if (parsed === undefined) return false;
  const params = { ln: Number(parsed.ln), r: Number(parsed.r), p: Number(parsed.p) };
  // Bounds keep a hand-edited clients file from asking for gigabytes or hours.
  if (
    params.ln < 10 ||
    params.ln > 20 ||
    params.r < 1 ||
    params.r > 32 ||
    params.p < 1 ||
    params.p > 4
  ) {
    return false;
  }
  const expected = Buffer.from(parsed.hash ?? '', 'base64');
  const salt = Buffer.from(parsed.salt ?? '', 'base64');
  const actual = await derive(secret, salt, expected.length, params);
  return timingSafeEqual(actual, expected);
}

function derive(secret: string, salt: Buffer, length: number, params: ScryptParams) {
  const N = 2 ** params.ln;
  return new Promise<Buffer>((resolve, reject) => {
    // scrypt needs 128 * N * r bytes (plus a little), more than Node's 32 MiB default at ln=15.
    scrypt(
      secret,
      salt,
      length,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
