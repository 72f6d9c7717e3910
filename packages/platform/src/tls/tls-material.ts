import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Where a service's certificate, key and (optionally) the CA bundle that signs its peers live. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile?: string | undefined;
}

/** One consistent set of TLS files: the key matches the certificate, every PEM parses. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca: Buffer | undefined;
  /** The parsed leaf certificate (the first in `cert`), e.g. for its `serialNumber`. */
  certificate: X509Certificate;
}

/**
 * Reads the TLS files and checks that they belong together, so a half-written pair is refused
 * here instead of breaking the server. The error names the file, never its content.
 *
 * @example
 * const material = await loadTlsMaterial({ certFile: 'tls.crt', keyFile: 'tls.key' });
 * console.log(material.certificate.serialNumber);
 */
export async function loadTlsMaterial({
  certFile,
  keyFile,
  caFile,
}: TlsFiles): Promise<TlsMaterial> {
  const reads = [
    readFile(certFile),
    readFile(keyFile),
    caFile === undefined ? Promise.resolve(undefined) : readFile(caFile),
  ] as const;
  // Read together, but report a missing file in a fixed order: certificate, key, CA.
  await Promise.allSettled(reads);
  const cert = await reads[0];
  const key = await reads[1];
  const ca = await reads[2];
  const certificate = parse(certFile, () => new X509Certificate(cert));
  const privateKey = parse(keyFile, () => createPrivateKey(key));
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new Error(`${keyFile} does not hold the private key of ${certFile}`);
  }
  if (ca !== undefined) parse(caFile ?? '', () => new X509Certificate(ca));
  return { cert, key, ca, certificate };
}

function parse<T>(file: string, parser: () => T): T {
  try {
    return parser();
  } catch (cause) {
    throw new Error(`${file} is not a valid PEM file`, { cause });
  }
}
