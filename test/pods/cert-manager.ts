import {
  createCa,
  issueCertificate,
  type CertificateAndKey,
  type KeyUsage,
} from '@bulkhead/dev-pki';
import { describeObject, type K8sObject } from './render.ts';

interface CertificateSpec {
  secretName: string;
  commonName?: string;
  dnsNames?: string[];
  duration?: string;
  isCA?: boolean;
  usages?: string[];
  issuerRef: { kind?: string; name: string };
}

/** A Secret's data as cert-manager writes it: `tls.crt`, `tls.key` and the issuer's `ca.crt`. */
export type TlsSecret = Record<'tls.crt' | 'tls.key' | 'ca.crt', string>;

/** What cert-manager would write, keyed `namespace/secretName`, and how to issue another. */
export interface IssuedSecrets {
  secrets: Map<string, TlsSecret>;
  /** Issues again for `certificate`, from the same CA: what a renewal writes. */
  renew: (certificate: K8sObject) => Promise<TlsSecret>;
  /** A certificate of that CA for names no manifest lists: a rogue peer inside the cluster. */
  rogue: (names: string[]) => Promise<CertificateAndKey>;
}

/** cert-manager durations are Go durations; the manifests use hours. */
function days(duration = '2160h'): number {
  const hours = /^(\d+)h$/.exec(duration)?.[1];
  if (hours === undefined)
    throw new Error(`unsupported duration "${duration}" (expected like 2160h)`);
  return Number(hours) / 24;
}

const keyUsages = new Set<string>(['server auth', 'client auth']);

/**
 * Issues, with dev-pki, every Secret the rendered Certificates ask cert-manager for, from their own
 * `dnsNames`, `commonName`, `usages` and `duration`, following `issuerRef` through the
 * ClusterIssuers to the self-signed CA, as cert-manager does. A name the manifests forgot is
 * missing here too.
 */
export async function issueSecrets(objects: readonly K8sObject[]): Promise<IssuedSecrets> {
  const certificates = objects.filter((object) => object.kind === 'Certificate');
  const issuers = objects.filter((object) => object.kind === 'ClusterIssuer');
  const specOf = (certificate: K8sObject) => certificate.spec as CertificateSpec;
  const cas = new Map<string, Promise<CertificateAndKey>>();

  /** The CA whose key sits in `secretName`: made once, from its own Certificate (isCA). */
  function caIn(secretName: string, wanted: K8sObject): Promise<CertificateAndKey> {
    const made = cas.get(secretName);
    if (made !== undefined) return made;
    const certificate = certificates.find(
      (c) => specOf(c).isCA === true && specOf(c).secretName === secretName,
    );
    if (certificate === undefined) {
      throw new Error(
        `${describeObject(wanted)}: spec.issuerRef leads to the CA Secret "${secretName}", which no CA Certificate of the render writes`,
      );
    }
    const { commonName = secretName, duration } = specOf(certificate);
    const ca = createCa({ commonName, days: days(duration) });
    cas.set(secretName, ca);
    return ca;
  }

  async function issue(certificate: K8sObject): Promise<TlsSecret> {
    const spec = specOf(certificate);
    if (spec.isCA === true) {
      const ca = await caIn(spec.secretName, certificate);
      return { 'tls.crt': ca.cert, 'tls.key': ca.key, 'ca.crt': ca.cert };
    }
    const issuer = issuers.find(({ metadata }) => metadata.name === spec.issuerRef.name);
    const caSecret = (issuer?.spec as { ca?: { secretName: string } } | undefined)?.ca?.secretName;
    if (caSecret === undefined) {
      throw new Error(
        `${describeObject(certificate)}: spec.issuerRef "${spec.issuerRef.name}" is not a CA ClusterIssuer of the render`,
      );
    }
    const ca = await caIn(caSecret, certificate);
    const usages = (spec.usages ?? ['server auth', 'client auth']).filter((u) => keyUsages.has(u));
    const pair = await issueCertificate({
      issuer: ca,
      names: spec.dnsNames ?? [],
      ...(spec.commonName === undefined ? {} : { commonName: spec.commonName }),
      usages: usages as KeyUsage[],
      days: days(spec.duration),
    });
    return { 'tls.crt': pair.cert, 'tls.key': pair.key, 'ca.crt': ca.cert };
  }

  const secrets = new Map<string, TlsSecret>();
  for (const certificate of certificates) {
    const key = `${certificate.metadata.namespace ?? ''}/${specOf(certificate).secretName}`;
    secrets.set(key, await issue(certificate));
  }
  return {
    secrets,
    renew: issue,
    rogue: async (names) => {
      const [ca] = cas.values();
      if (ca === undefined) throw new Error('the render has no CA issuer');
      return issueCertificate({ issuer: await ca, names });
    },
  };
}
