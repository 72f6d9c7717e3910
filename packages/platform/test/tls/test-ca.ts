// @peculiar/x509 needs a Reflect metadata polyfill loaded before it.
import 'reflect-metadata';
import { KeyObject, X509Certificate, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Test-only certificate authority: real ECDSA P-256 certificates made in memory, so every test can
// build the exact PKI it needs (rotations, a second CA, a client with the wrong name).
x509.cryptoProvider.set(webcrypto);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface IssuedCertificate {
  /** PEM of the leaf certificate. */
  cert: string;
  /** PEM (PKCS#8) of its private key. */
  key: string;
  /** As Node reports it (`X509Certificate.serialNumber`, `getPeerCertificate().serialNumber`). */
  serialNumber: string;
}

export interface TestCa {
  /** PEM of the CA certificate: the bundle peers trust. */
  cert: string;
  /** A certificate for both server and client use, with these DNS SANs (and IP 127.0.0.1). */
  issue(dnsNames: readonly string[]): Promise<IssuedCertificate>;
}

export async function createTestCa(name = 'Bulkhead test CA'): Promise<TestCa> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });

  async function issue(dnsNames: readonly string[]): Promise<IssuedCertificate> {
    const leafKeys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const leaf = await x509.X509CertificateGenerator.create({
      subject: `CN=${dnsNames[0] ?? 'client'}`,
      issuer: caCert.subject,
      publicKey: leafKeys.publicKey,
      signingKey: keys.privateKey,
      signingAlgorithm: algorithm,
      notBefore: new Date(Date.now() - 60_000),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([
          x509.ExtendedKeyUsage.serverAuth,
          x509.ExtendedKeyUsage.clientAuth,
        ]),
        new x509.SubjectAlternativeNameExtension([
          ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
          { type: 'ip', value: '127.0.0.1' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const cert = leaf.toString('pem');
    const key = KeyObject.from(leafKeys.privateKey).export({ type: 'pkcs8', format: 'pem' });
    return { cert, key: key.toString(), serialNumber: new X509Certificate(cert).serialNumber };
  }

  return { cert: caCert.toString('pem'), issue };
}
