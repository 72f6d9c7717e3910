import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateAndKey } from './certificates.ts';

/**
 * Writes `tls.crt`, `tls.key` (mode 0600) and `ca.crt` into `dir`, the cert-manager Secret layout
 * that every service reads. Each file is replaced whole.
 * @example await writeTlsFiles('.dev/notes', await issueCertificate({ issuer: ca, names }), ca.cert);
 */
export async function writeTlsFiles(
  dir: string,
  { cert, key }: CertificateAndKey,
  caCert: string,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeSecretFile(join(dir, 'tls.key'), key);
  await writeFile(join(dir, 'tls.crt'), cert);
  await writeFile(join(dir, 'ca.crt'), caCert);
}

/** Writes a file only its owner can read (mode 0600), whatever the umask. */
export async function writeSecretFile(path: string, contents: string): Promise<void> {
  await writeFile(path, contents, { mode: 0o600 });
}
