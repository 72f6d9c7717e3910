import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateAndKey } from './certificates.ts';

/**
 * Writes `tls.crt`, `tls.key` and `ca.crt` into `dir` (all mode 0644, see `writeMountedFile`), the
 * cert-manager Secret layout that every service reads. Each file is replaced whole.
 * @example await writeTlsFiles('.dev/notes', await issueCertificate({ issuer: ca, names }), ca.cert);
 */
export async function writeTlsFiles(
  dir: string,
  { cert, key }: CertificateAndKey,
  caCert: string,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeMountedFile(join(dir, 'tls.key'), key);
  await writeMountedFile(join(dir, 'tls.crt'), cert);
  await writeMountedFile(join(dir, 'ca.crt'), caCert);
}

/**
 * Writes a file that a container reads (mode 0644), a private key included, whatever the umask.
 * Compose bind-mounts secret files with their host owner and mode, and the services run as uid
 * 1000, not as the host user (root in CI): a 0600 key would be unreadable to them. What keeps other
 * host users out is the 0700 folder the file sits in (`generateDevMaterial`'s `dir`).
 */
export async function writeMountedFile(path: string, contents: string): Promise<void> {
  await writeFile(path, contents);
  await chmod(path, 0o644);
}

/** Gives files that containers mount the mode {@link writeMountedFile} gives new ones. */
export async function makeMountable(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => chmod(path, 0o644)));
}

/** Writes a file only its owner can read (mode 0600), whatever the umask. */
export async function writeSecretFile(path: string, contents: string): Promise<void> {
  await writeFile(path, contents, { mode: 0o600 });
  await chmod(path, 0o600);
}
