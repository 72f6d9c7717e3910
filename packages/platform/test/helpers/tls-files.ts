import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa, type TestCa } from '../tls/test-ca.ts';

/** TLS files in a temp dir, as a service reads them: its certificate, key and the CA bundle. */
export interface TlsFileSet {
  certFile: string;
  keyFile: string;
  caFile: string;
}

/** Writes a certificate for `dnsNames` (and 127.0.0.1), issued by `ca`, to a fresh temp dir. */
export async function tlsFiles(ca: TestCa, dnsNames: readonly string[]): Promise<TlsFileSet> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-tls-'));
  const { cert, key } = await ca.issue(dnsNames);
  const files = {
    certFile: join(dir, 'tls.crt'),
    keyFile: join(dir, 'tls.key'),
    caFile: join(dir, 'ca.crt'),
  };
  writeFileSync(files.certFile, cert);
  writeFileSync(files.keyFile, key, { mode: 0o600 });
  writeFileSync(files.caFile, ca.cert);
  return files;
}

/** A certificate for `localhost` from a fresh test CA. */
export async function localhostTlsFiles(): Promise<TlsFileSet> {
  return tlsFiles(await createTestCa(), ['localhost']);
}
