import { generateKeyPairSync } from 'node:crypto';

/** An ES256 signing key: its key id and its PKCS#8 PEM, to be written as `<kid>.pem`. */
export interface JwtKey {
  kid: string;
  pem: string;
}

/**
 * Generates an ES256 (ECDSA P-256) JWT signing key. The key id defaults to the UTC creation time
 * in ISO 8601 basic format (`20250601T120000Z`), so the newest key sorts last, which is how the
 * auth service picks the key that signs.
 * @example const { kid, pem } = generateJwtKey({ kid: 'rotated' });
 */
export function generateJwtKey({ kid = timestampKid(new Date()) }: { kid?: string } = {}): JwtKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, pem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string };
}

function timestampKid(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d+/g, '');
}
