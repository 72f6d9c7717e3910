import { execFile } from 'node:child_process';
import { cp, copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateDevMaterial, readDemoClient } from '@bulkhead/dev-pki';
import { parseAllDocuments } from 'yaml';

const exec = promisify(execFile);

/** A rendered Kubernetes object, as kustomize prints it; readers take the fields they need. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The kind overlay, rendered as `skaffold dev` renders it, and the demo client it holds. */
export interface KindRender {
  objects: K8sObject[];
  client: { id: string; secret: string };
}

/**
 * Renders k8s/overlays/kind from a copy of k8s/ in `work`, with the dev secrets placed exactly as
 * scripts/kind-secrets.sh places them (the newest JWT key, the clients file), made fresh by
 * dev-pki, so a developer's own .dev/ is never read or changed.
 */
export async function renderKindOverlay(root: string, work: string): Promise<KindRender> {
  const dev = join(work, '.dev');
  await generateDevMaterial({ dir: dev });
  await cp(join(root, 'k8s'), join(work, 'k8s'), {
    recursive: true,
    filter: (source) => !source.endsWith(join('overlays', 'kind', 'secrets')),
  });
  const secrets = join(work, 'k8s/overlays/kind/secrets');
  await mkdir(join(secrets, 'jwt-keys'), { recursive: true });
  await copyFile(await newestKey(join(dev, 'jwt-keys')), join(secrets, 'jwt-keys/signing-key.pem'));
  await copyFile(join(dev, 'clients.json'), join(secrets, 'clients.json'));
  const { stdout } = await exec('kubectl', ['kustomize', join(work, 'k8s/overlays/kind')], {
    maxBuffer: 16 << 20,
  });
  const objects = parseAllDocuments(stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
  return { objects, client: await readDemoClient(dev) };
}

async function newestKey(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.pem'));
  const times = await Promise.all(files.map(async (name) => (await stat(join(dir, name))).mtimeMs));
  const newest = files[times.indexOf(Math.max(...times))];
  if (newest === undefined) throw new Error(`no JWT key in ${dir}`);
  return join(dir, newest);
}

/** `Kind namespace/name`, the way every message of test:pods names an object. */
export function describeObject({ kind, metadata }: K8sObject): string {
  return `${kind} ${metadata.namespace === undefined ? '' : `${metadata.namespace}/`}${metadata.name}`;
}
