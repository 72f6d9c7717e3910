import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** The repository root, found from this file's location. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A rendered Kubernetes object; tests read further fields through their own types. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Every object `kubectl kustomize` renders for `dir` (relative to the repository root). */
export async function render(dir: string): Promise<K8sObject[]> {
  const { stdout } = await run('kubectl', ['kustomize', join(repoRoot, dir)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** Runs a program from the repository root and returns its stdout (rejects on a non-zero exit). */
export async function runTool(file: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(file, args, { cwd: repoRoot });
  return stdout;
}

// Creates `file` with `content` only when it does not exist yet. Linking a finished temp file is
// atomic, so test files running in parallel never see a half-written secret.
function createOnce(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(tmpdir(), `bulkhead-secret-${randomUUID()}`);
  writeFileSync(temp, content, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp);
  }
}

/**
 * The git-ignored files the kind overlay's secretGenerator reads, as scripts/kind-secrets.sh writes
 * them from the dev PKI: made here (a throwaway P-256 key, no clients) only when they are missing,
 * so a developer's real dev secrets are never replaced.
 */
export function ensureKindSecrets(): void {
  const secrets = join(repoRoot, 'k8s/overlays/kind/secrets');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  createOnce(
    join(secrets, 'jwt-keys/signing-key.pem'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  createOnce(join(secrets, 'clients.json'), '{"clients":[]}\n');
}

/** The two overlays a user deploys; production comes in two layers, cluster/ and app/. */
export const overlays = ['k8s/overlays/kind', 'k8s/overlays/production'] as const;

/** Production's layers: the cluster admin's, applied once, and the deployer's. */
export async function renderProductionLayers(): Promise<Record<'cluster' | 'app', K8sObject[]>> {
  const [cluster = [], app = []] = await Promise.all(
    ['k8s/overlays/production/cluster', 'k8s/overlays/production/app'].map(render),
  );
  return { cluster, app };
}

/**
 * Renders both overlays (production as its two layers together, as they run in the cluster),
 * making the kind overlay's dev secrets first when they are missing.
 */
export async function renderOverlays(): Promise<Record<(typeof overlays)[number], K8sObject[]>> {
  ensureKindSecrets();
  const [kind, { cluster, app }] = await Promise.all([
    render('k8s/overlays/kind'),
    renderProductionLayers(),
  ]);
  return { 'k8s/overlays/kind': kind, 'k8s/overlays/production': [...cluster, ...app] };
}
