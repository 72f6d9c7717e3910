import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateAndKey } from '@bulkhead/dev-pki';

/** How a folder of TLS files is updated. */
export type TlsStyle = 'plain' | 'kubelet';

/** A folder of `tls.crt`, `tls.key`, `ca.crt`, as a mounted cert-manager Secret. */
export interface TlsFolder {
  env: { TLS_CERT_FILE: string; TLS_KEY_FILE: string; TLS_CA_FILE: string };
  /** Puts a new pair in place the way this folder's writer does. */
  write(pair: CertificateAndKey): Promise<void>;
}

/**
 * Makes `dir` a TLS folder holding `pair`. `plain`: each file overwritten in place. `kubelet`:
 * Kubernetes' AtomicWriter, where each name links through `..data`, which one rename swaps to a
 * new timestamped folder.
 *
 * @example const folder = await tlsFolder(join(tmp, 'notes-tls'), 'kubelet', pair, ca.cert);
 */
export async function tlsFolder(
  dir: string,
  style: TlsStyle,
  pair: CertificateAndKey,
  caCert: string,
): Promise<TlsFolder> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let generation = 0;
  let current: string | undefined;

  async function writeFiles(folder: string, { cert, key }: CertificateAndKey) {
    await writeFile(join(folder, 'tls.key'), key, { mode: 0o600 });
    await writeFile(join(folder, 'tls.crt'), cert);
    await writeFile(join(folder, 'ca.crt'), caCert);
  }

  async function writeKubelet(next: CertificateAndKey) {
    generation += 1;
    const stamp = `..2026_01_01_00_00_00.${String(generation).padStart(9, '0')}`;
    await mkdir(join(dir, stamp));
    await writeFiles(join(dir, stamp), next);
    await symlink(stamp, join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    if (current === undefined) {
      for (const name of ['tls.crt', 'tls.key', 'ca.crt']) {
        await symlink(join('..data', name), join(dir, name));
      }
    } else await rm(join(dir, current), { recursive: true });
    current = stamp;
  }

  const write = (next: CertificateAndKey) =>
    style === 'plain' ? writeFiles(dir, next) : writeKubelet(next);
  await write(pair);
  return {
    env: {
      TLS_CERT_FILE: join(dir, 'tls.crt'),
      TLS_KEY_FILE: join(dir, 'tls.key'),
      TLS_CA_FILE: join(dir, 'ca.crt'),
    },
    write,
  };
}
