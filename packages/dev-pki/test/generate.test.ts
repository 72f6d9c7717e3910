import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCa, generateDevMaterial, issueCertificate, readDemoClient } from '../src/index.ts';

const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = (path: string) => readFile(join(dir, path), 'utf8');
const certificate = async (path: string) => new X509Certificate(await read(path));

describe('generateDevMaterial', () => {
  it('when the folder is empty, then makes a CA that may sign certificates and nothing else', async () => {
    await generateDevMaterial({ dir });

    const ca = await certificate('ca/ca.crt');
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it.each(['gateway', 'auth', 'notes'])(
    'when the folder is empty, then the %s certificate chains to the CA with both EKUs and every name',
    async (service) => {
      await generateDevMaterial({ dir });

      const ca = await certificate('ca/ca.crt');
      const cert = await certificate(`${service}/tls.crt`);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(cert.ca).toBe(false);
      expect(cert.keyUsage).toEqual(expect.arrayContaining([serverAuth, clientAuth]));
      for (const name of [
        service,
        `${service}.bulkhead-${service}.svc`,
        `${service}.bulkhead-${service}.svc.cluster.local`,
        'localhost',
      ]) {
        expect(cert.checkHost(name, { subject: 'never' })).toBe(name);
      }
      expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(await read(`${service}/ca.crt`)).toBe(await read('ca/ca.crt'));
    },
  );

  it('when the folder is empty, then the folder is closed to other users and host-only secrets are owner-only', async () => {
    const devDir = join(dir, '.dev');

    await generateDevMaterial({ dir: devDir });

    expect((await stat(devDir)).mode & 0o777).toBe(0o700);
    for (const path of ['ca/ca.key', 'demo-client.txt']) {
      expect((await stat(join(devDir, path))).mode & 0o777, path).toBe(0o600);
    }
  });

  it('when the folder is empty, then the keys and clients file that containers mount are readable by their uid 1000', async () => {
    const { created } = await generateDevMaterial({ dir });

    const jwtKey = created.find((item) => item.startsWith('jwt-keys/')) ?? '';
    const mounted = ['gateway/tls.key', 'auth/tls.key', 'notes/tls.key', jwtKey, 'clients.json'];
    for (const path of mounted) {
      expect((await stat(join(dir, path))).mode & 0o777, path).toBe(0o644);
    }
    expect((await stat(join(dir, 'jwt-keys'))).mode & 0o777).toBe(0o755);
  });

  it('when kept files were written owner-only by an older version, then a rerun makes them mountable', async () => {
    const { created } = await generateDevMaterial({ dir });
    const jwtKey = created.find((item) => item.startsWith('jwt-keys/')) ?? '';
    const mounted = ['notes/tls.key', jwtKey, 'clients.json'];
    for (const path of mounted) await chmod(join(dir, path), 0o600);

    const { kept } = await generateDevMaterial({ dir });

    expect(kept).toContain('notes');
    for (const path of mounted) {
      expect((await stat(join(dir, path))).mode & 0o777, path).toBe(0o644);
    }
  });

  it('when the folder is empty, then writes one ES256 signing key named by its UTC creation time', async () => {
    const { created } = await generateDevMaterial({ dir });

    const keyFile = created.find((item) => item.startsWith('jwt-keys/'));
    expect(keyFile).toMatch(/^jwt-keys\/\d{8}T\d{6}Z\.pem$/);
    expect(await read(keyFile ?? '')).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('when the folder is empty, then the demo client has a random secret and its scrypt hash', async () => {
    await generateDevMaterial({ dir });

    const { id, secret } = await readDemoClient(dir);
    const clients = JSON.parse(await read('clients.json')) as {
      clients: { id: string; secretHash: string; scopes: string[] }[];
    };
    expect(id).toBe('demo');
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(clients.clients.map(({ id, scopes }) => ({ id, scopes }))).toEqual([
      { id: 'demo', scopes: ['notes:read', 'notes:write'] },
    ]);
    expect(clients.clients[0]?.secretHash).toMatch(
      /^\$scrypt\$ln=15,r=8,p=1\$[\w+/]{22}\$[\w+/]{43}$/,
    );
    expect(await read('clients.json')).not.toContain(secret);
  });

  it('when run again, then keeps every file as it was', async () => {
    await generateDevMaterial({ dir });
    const before = await Promise.all(['ca/ca.key', 'auth/tls.crt', 'demo-client.txt'].map(read));

    const { created, kept } = await generateDevMaterial({ dir });

    expect(created).toEqual([]);
    expect(kept).toEqual(expect.arrayContaining(['ca', 'gateway', 'auth', 'notes', 'jwt-keys']));
    expect(await Promise.all(['ca/ca.key', 'auth/tls.crt', 'demo-client.txt'].map(read))).toEqual(
      before,
    );
  });

  it('when run with force, then replaces the CA, the certificates and the demo secret', async () => {
    await generateDevMaterial({ dir });
    const before = await Promise.all(['ca/ca.crt', 'auth/tls.crt', 'demo-client.txt'].map(read));

    await generateDevMaterial({ dir, force: true });

    const after = await Promise.all(['ca/ca.crt', 'auth/tls.crt', 'demo-client.txt'].map(read));
    after.forEach((contents, index) => {
      expect(contents).not.toBe(before[index]);
    });
    const ca = await certificate('ca/ca.crt');
    expect((await certificate('auth/tls.crt')).verify(ca.publicKey)).toBe(true);
  });

  it('when a service certificate has expired, then renews that one and keeps the rest', async () => {
    await generateDevMaterial({ dir });
    const ca = { cert: await read('ca/ca.crt'), key: await read('ca/ca.key') };
    const expired = await issueCertificate({
      issuer: ca,
      names: ['notes'],
      notBefore: new Date(Date.now() - 3 * 86_400_000),
      days: 1,
    });
    await writeFile(join(dir, 'notes/tls.crt'), expired.cert);
    await writeFile(join(dir, 'notes/tls.key'), expired.key);

    const { created } = await generateDevMaterial({ dir });

    expect(created).toEqual(['notes']);
    expect((await certificate('notes/tls.crt')).validToDate.getTime()).toBeGreaterThan(Date.now());
  });

  it('when a service has lost its CA bundle, then re-issues that service only', async () => {
    await generateDevMaterial({ dir });
    await rm(join(dir, 'gateway/ca.crt'));

    const { created } = await generateDevMaterial({ dir });

    expect(created).toEqual(['gateway']);
    expect(await read('gateway/ca.crt')).toBe(await read('ca/ca.crt'));
  });
});

describe('issueCertificate', () => {
  it('when given a validity in the past, then issues an expired certificate', async () => {
    const ca = await createCa();

    const { cert } = await issueCertificate({
      issuer: ca,
      names: ['gateway'],
      notBefore: new Date(Date.now() - 2 * 86_400_000),
      days: 1,
    });

    expect(new X509Certificate(cert).validToDate.getTime()).toBeLessThan(Date.now());
  });

  it('when signed by another CA, then the certificate does not verify against the dev CA', async () => {
    const [devCa, otherCa] = await Promise.all([createCa(), createCa({ commonName: 'Other CA' })]);

    const { cert } = await issueCertificate({ issuer: otherCa, names: ['gateway'] });

    const devCaKey = new X509Certificate(devCa.cert).publicKey;
    expect(new X509Certificate(cert).verify(devCaKey)).toBe(false);
  });

  it('when issued twice for the same names, then each has its own serial and key', async () => {
    const ca = await createCa();

    const [first, second] = await Promise.all([
      issueCertificate({ issuer: ca, names: ['auth'] }),
      issueCertificate({ issuer: ca, names: ['auth'] }),
    ]);

    expect(new X509Certificate(first.cert).serialNumber).not.toBe(
      new X509Certificate(second.cert).serialNumber,
    );
    expect(first.key).not.toBe(second.key);
  });

  it('when given usages and a common name, then the certificate carries exactly those', async () => {
    const ca = await createCa();

    const { cert } = await issueCertificate({
      issuer: ca,
      names: ['notes.bulkhead-notes.svc'],
      commonName: 'notes',
      usages: ['server auth'],
    });

    const parsed = new X509Certificate(cert);
    expect(parsed.subject).toBe('CN=notes');
    expect(parsed.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
  });

  it('when given no names, then refuses', async () => {
    const ca = await createCa();

    await expect(issueCertificate({ issuer: ca, names: [] })).rejects.toThrow(/at least one name/);
  });
});
