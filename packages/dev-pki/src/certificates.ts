// @peculiar/x509 needs the Reflect metadata API, which Node does not have; load it first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const dayMs = 24 * 60 * 60 * 1000;

/** A certificate and its private key, both PEM (the key is PKCS#8). */
export interface CertificateAndKey {
  cert: string;
  key: string;
}

/** Validity of a new certificate: it starts at `notBefore` and lasts `days`. */
export interface ValidityOptions {
  notBefore?: Date;
  days?: number;
}

export interface CreateCaOptions extends ValidityOptions {
  commonName?: string;
}

/** Extended key usages, named as cert-manager's `usages` name them. */
export type KeyUsage = 'server auth' | 'client auth';

export interface IssueCertificateOptions extends ValidityOptions {
  /** The CA that signs, as returned by `createCa`. */
  issuer: CertificateAndKey;
  /** DNS names and IP addresses for the subjectAltName. */
  names: string[];
  /** The subject's CN (default: the first name). */
  commonName?: string;
  /** Extended key usages (default: both, so one certificate serves and calls). */
  usages?: KeyUsage[];
}

const extendedUsage = {
  'server auth': x509.ExtendedKeyUsage.serverAuth,
  'client auth': x509.ExtendedKeyUsage.clientAuth,
};

/**
 * Creates a self-signed ECDSA P-256 CA (CA:true, pathlen 0, keyCertSign) valid for a year.
 * @example const ca = await createCa({ commonName: 'Other CA' });
 */
export async function createCa({
  commonName = 'Bulkhead dev CA',
  notBefore = new Date(),
  days = 365,
}: CreateCaOptions = {}): Promise<CertificateAndKey> {
  const keys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * dayMs),
    signingAlgorithm: ecdsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/**
 * Issues an ECDSA P-256 certificate usable by a TLS server and a TLS client (serverAuth and
 * clientAuth, unless `usages` says otherwise), valid for 90 days unless told otherwise, with a
 * fresh key and a random serial.
 * @example
 * const expired = await issueCertificate({ issuer: ca, names: ['gateway'],
 *   notBefore: new Date(Date.now() - 2 * 86_400_000), days: 1 });
 */
export async function issueCertificate({
  issuer,
  names,
  commonName = names[0],
  usages = ['server auth', 'client auth'],
  notBefore = new Date(),
  days = 90,
}: IssueCertificateOptions): Promise<CertificateAndKey> {
  if (names.length === 0 || commonName === undefined) {
    throw new Error('issueCertificate needs at least one name');
  }
  const caCert = new x509.X509Certificate(issuer.cert);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(issuer.key),
    ecdsa,
    false,
    ['sign'],
  );
  const keys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${commonName}`,
    issuer: caCert.subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * dayMs),
    signingAlgorithm: ecdsa,
    signingKey: caKey,
    publicKey: keys.publicKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        usages.map((usage) => extendedUsage[usage]),
        false,
      ),
      new x509.SubjectAlternativeNameExtension(
        names.map((value) => ({
          type: isIP(value) === 0 ? ('dns' as const) : ('ip' as const),
          value,
        })),
        false,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/**
 * The names a service certificate carries: the compose / `npm start` name, both Kubernetes
 * service names, and localhost.
 * @example serviceNames('auth') // ['auth', 'auth.bulkhead-auth.svc', …, 'localhost', '127.0.0.1']
 */
export function serviceNames(service: string): string[] {
  const namespaced = `${service}.bulkhead-${service}.svc`;
  return [service, namespaced, `${namespaced}.cluster.local`, 'localhost', '127.0.0.1'];
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}
