import { readFileSync } from 'node:fs';
import type { ServerOptions } from 'node:https';

/** Where the API server's certificate, key and (optionally) peer CA bundle live. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string;
}

/**
 * The one place the API server's secure context is built: the files are read once, at start,
 * and nothing older than TLS 1.2 is spoken.
 */
export function httpsOptions({ certFile, keyFile, caFile }: TlsFiles): ServerOptions {
  return {
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
    minVersion: 'TLSv1.2',
  };
}
