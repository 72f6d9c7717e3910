import { randomBytes, scrypt } from 'node:crypto';

/** A client of the auth service, as written to `clients.json`. */
export interface ClientEntry {
  id: string;
  secretHash: string;
  scopes: string[];
}

/** A freshly made client: its entry for `clients.json` and its plain secret. */
export interface DemoClient {
  entry: ClientEntry;
  secret: string;
}

/**
 * Makes the demo client: a random 256-bit secret (base64url) and its scrypt hash in the PHC
 * format that the auth service verifies (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`).
 * @example const { entry, secret } = await createDemoClient();
 */
export async function createDemoClient({
  id = 'demo',
  scopes = ['notes:read', 'notes:write'],
}: { id?: string; scopes?: string[] } = {}): Promise<DemoClient> {
  const secret = randomBytes(32).toString('base64url');
  return { entry: { id, secretHash: await hashSecret(secret), scopes }, secret };
}

// The auth service owns verification (services/auth/src/secret-hash.ts); this writes the same
// documented format, and the auth tests check that what this makes verifies there.
async function hashSecret(secret: string): Promise<string> {
  const [ln, r, p] = [15, 8, 1];
  const salt = randomBytes(16);
  const N = 2 ** ln;
  const hash = await new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128 * N * r bytes, exactly Node's 32 MiB default at ln=15, r=8.
    scrypt(secret, salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
