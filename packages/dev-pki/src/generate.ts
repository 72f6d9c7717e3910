import { X509Certificate } from 'node:crypto';
import { access, chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createCa,
  issueCertificate,
  serviceNames,
  type CertificateAndKey,
} from './certificates.ts';
import { createDemoClient } from './demo-client.ts';
import { makeMountable, writeMountedFile, writeSecretFile, writeTlsFiles } from './files.ts';
import { generateJwtKey } from './jwt-key.ts';

/** The services that get a certificate. */
export const services = ['gateway', 'auth', 'notes'] as const;

export interface GenerateOptions {
  /** Where to write, e.g. `.dev` at the repository root. */
  dir: string;
  /** Replace existing material instead of keeping it. */
  force?: boolean;
}

/** What `generateDevMaterial` did, one entry per item, paths relative to `dir`. */
export interface GenerateResult {
  created: string[];
  kept: string[];
}

// Certificates closer than this to their end are renewed, so a clone left alone for months
// still starts.
const renewWithinMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Makes everything `npm start`, compose and the kind overlay need, in this layout:
 * `ca/{ca.crt,ca.key}`, `<service>/{tls.crt,tls.key,ca.crt}`, `jwt-keys/<kid>.pem`,
 * `clients.json` and `demo-client.txt`. `dir` is mode 0700; inside it, what containers mount
 * (service keys, JWT keys, `clients.json`) is 0644 and what never leaves the host (the CA key, the
 * demo secret) is 0600. Existing material is kept (certificates near expiry are
 * renewed) unless `force` is set; a new CA re-issues every service certificate.
 * @example const { created } = await generateDevMaterial({ dir: '.dev' });
 */
export async function generateDevMaterial({
  dir,
  force = false,
}: GenerateOptions): Promise<GenerateResult> {
  const result: GenerateResult = { created: [], kept: [] };
  // Only the owner may enter: the keys inside are readable files, for the containers that mount them.
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o700);

  const caDir = join(dir, 'ca');
  let ca = force ? undefined : await readPair(join(caDir, 'ca.crt'), join(caDir, 'ca.key'));
  const renewAll = ca === undefined;
  if (ca === undefined) {
    ca = await createCa();
    await mkdir(caDir, { recursive: true, mode: 0o700 });
    await writeSecretFile(join(caDir, 'ca.key'), ca.key);
    await writeFile(join(caDir, 'ca.crt'), ca.cert);
    result.created.push('ca');
  } else result.kept.push('ca');

  for (const service of services) {
    const serviceDir = join(dir, service);
    const existing = await readPair(join(serviceDir, 'tls.crt'), join(serviceDir, 'tls.key'));
    const bundle = await readFile(join(serviceDir, 'ca.crt'), 'utf8').catch(() => undefined);
    if (!renewAll && existing !== undefined && bundle === ca.cert) {
      result.kept.push(service);
      continue;
    }
    const pair = await issueCertificate({ issuer: ca, names: serviceNames(service) });
    await writeTlsFiles(serviceDir, pair, ca.cert);
    result.created.push(service);
  }

  const keysDir = join(dir, 'jwt-keys');
  await mkdir(keysDir, { recursive: true });
  await chmod(keysDir, 0o755); // compose mounts the folder itself

  const pems = (await readdir(keysDir)).filter((name) => name.endsWith('.pem'));
  if (force || pems.length === 0) {
    await Promise.all(pems.map((name) => rm(join(keysDir, name))));
    const { kid, pem } = generateJwtKey();
    await writeMountedFile(join(keysDir, `${kid}.pem`), pem);
    result.created.push(`jwt-keys/${kid}.pem`);
  } else result.kept.push('jwt-keys');

  const clientsFile = join(dir, 'clients.json');
  const demoFile = join(dir, 'demo-client.txt');
  if (force || !(await exists(clientsFile)) || !(await exists(demoFile))) {
    const { entry, secret } = await createDemoClient();
    await writeMountedFile(clientsFile, `${JSON.stringify({ clients: [entry] }, null, 2)}\n`);
    await writeSecretFile(demoFile, `CLIENT_ID=${entry.id}\nCLIENT_SECRET=${secret}\n`);
    result.created.push('clients.json', 'demo-client.txt');
  } else result.kept.push('clients.json', 'demo-client.txt');

  // Kept files may come from a version that wrote them 0600: make them mountable too.
  const keys = (await readdir(keysDir)).filter((name) => name.endsWith('.pem'));
  await makeMountable([
    ...services.flatMap((service) =>
      ['tls.key', 'tls.crt', 'ca.crt'].map((file) => join(dir, service, file)),
    ),
    ...keys.map((name) => join(keysDir, name)),
    clientsFile,
  ]);
  return result;
}

/** Reads the demo client's id and secret back from `demo-client.txt` in `dir`. */
export async function readDemoClient(dir: string): Promise<{ id: string; secret: string }> {
  const text = await readFile(join(dir, 'demo-client.txt'), 'utf8');
  const id = /^CLIENT_ID=(.+)$/m.exec(text)?.[1];
  const secret = /^CLIENT_SECRET=(.+)$/m.exec(text)?.[1];
  if (id === undefined || secret === undefined)
    throw new Error(`${dir}/demo-client.txt is damaged`);
  return { id, secret };
}

/** The pair at these paths, unless a file is missing or the certificate is (nearly) expired. */
async function readPair(certPath: string, keyPath: string): Promise<CertificateAndKey | undefined> {
  if (!(await exists(certPath)) || !(await exists(keyPath))) return undefined;
  const cert = await readFile(certPath, 'utf8');
  const { validToDate } = new X509Certificate(cert);
  if (validToDate.getTime() - Date.now() < renewWithinMs) return undefined;
  return { cert, key: await readFile(keyPath, 'utf8') };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
