import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsFiles } from '../../src/tls/tls-material.ts';
import type { IssuedCertificate } from './test-ca.ts';

/** A folder of `tls.crt`, `tls.key`, `ca.crt` like a mounted cert-manager Secret. */
export interface TlsDir {
  files: TlsFiles & { caFile: string };
  /** Replaces the files' content the way this folder's writer does. */
  write(pair: IssuedCertificate, ca: string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * `plain`: files overwritten in place. `kubelet`: Kubernetes' AtomicWriter, where each name is a
 * link through `..data`, which is swapped in one rename to a new timestamped folder.
 */
export async function createTlsDir(
  style: 'plain' | 'kubelet',
  pair: IssuedCertificate,
  ca: string,
): Promise<TlsDir> {
  const dir = await mkdtemp(join(tmpdir(), 'bulkhead-tls-'));
  let generation = 0;
  let current: string | undefined;

  async function writePlain(content: Record<string, string>): Promise<void> {
    for (const [name, text] of Object.entries(content)) await writeFile(join(dir, name), text);
  }

  async function writeKubelet(content: Record<string, string>): Promise<void> {
    generation += 1;
    const stamp = `..2026_11_27_01_02_03.${String(generation).padStart(9, '0')}`;
    await mkdir(join(dir, stamp));
    await writePlain(
      Object.fromEntries(Object.entries(content).map(([n, t]) => [join(stamp, n), t])),
    );
    await symlink(stamp, join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    if (current === undefined) {
      for (const name of Object.keys(content)) await symlink(join('..data', name), join(dir, name));
    } else {
      await rm(join(dir, current), { recursive: true });
    }
    current = stamp;
  }

  const write = async ({ cert, key }: IssuedCertificate, caCert: string) => {
    const content = { 'tls.crt': cert, 'tls.key': key, 'ca.crt': caCert };
    await (style === 'plain' ? writePlain(content) : writeKubelet(content));
  };
  await write(pair, ca);
  return {
    files: {
      certFile: join(dir, 'tls.crt'),
      keyFile: join(dir, 'tls.key'),
      caFile: join(dir, 'ca.crt'),
    },
    write,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
