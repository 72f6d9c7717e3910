import { access, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';

interface Kustomization {
  resources?: string[];
  components?: string[];
  secretGenerator?: { files?: string[]; envs?: string[] }[];
}

const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readKustomization(dir: string): Promise<Kustomization | undefined> {
  for (const name of kustomizationNames) {
    const file = join(dir, name);
    if (await exists(file)) return (parse(await readFile(file, 'utf8')) ?? {}) as Kustomization;
  }
  return undefined;
}

/** `files: [key=path]` and `envs: [path]` entries name a file; the key is not part of it. */
function generatorPaths(kustomization: Kustomization): string[] {
  return (kustomization.secretGenerator ?? []).flatMap(({ files = [], envs = [] }) => [
    ...files.map((entry) => entry.slice(entry.indexOf('=') + 1)),
    ...envs,
  ]);
}

/** Every local kustomization folder `dir` builds on, `dir` first. */
async function folders(dir: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const kustomization = await readKustomization(dir);
  if (kustomization === undefined) return [];
  const references = [...(kustomization.resources ?? []), ...(kustomization.components ?? [])]
    .filter((entry) => !/^[\w+.-]+:\/\//.test(entry) && !entry.includes('github.com/'))
    .map((entry) => resolve(dir, entry));
  const nested = await Promise.all(references.map((path) => folders(path, seen)));
  return [dir, ...nested.flat()];
}

function commonAncestor(paths: readonly string[]): string {
  const [first = sep, ...rest] = paths;
  let common = first;
  while (!rest.every((path) => path === common || path.startsWith(common + sep))) {
    common = dirname(common);
  }
  return common;
}

/** A rendering folder with stand-ins for the secret files that are missing, and its clean-up. */
export interface StandIns {
  /** Where to run `kubectl kustomize`: the overlay itself, or its place in a temporary copy. */
  dir: string;
  /** The missing files, relative to the overlay, that got an empty stand-in. */
  missing: string[];
  remove(): Promise<void>;
}

/**
 * Secrets are generated from git-ignored files (the kind overlay's dev secrets), which a fresh
 * clone does not have. The rules never read secret values, so when a file is missing the overlay
 * is rendered from a temporary copy of the folders it builds on, with an empty file in its place.
 * The caller says so: nothing passes silently.
 * @example const { dir, missing, remove } = await withStandInSecrets('k8s/overlays/kind');
 */
export async function withStandInSecrets(overlay: string): Promise<StandIns> {
  const dirs = await folders(resolve(overlay));
  const missing: string[] = [];
  for (const dir of dirs) {
    const kustomization = await readKustomization(dir);
    for (const path of kustomization === undefined ? [] : generatorPaths(kustomization)) {
      if (!(await exists(join(dir, path)))) missing.push(join(dir, path));
    }
  }
  if (missing.length === 0) return { dir: overlay, missing: [], remove: () => Promise.resolve() };
  const root = commonAncestor(dirs);
  const copy = await mkdtemp(join(tmpdir(), 'bulkhead-verify-'));
  await cp(root, copy, { recursive: true, filter: (source) => !source.includes(`${sep}.git`) });
  for (const file of missing) {
    const standIn = join(copy, relative(root, file));
    await mkdir(dirname(standIn), { recursive: true });
    await writeFile(standIn, '');
  }
  return {
    dir: join(copy, relative(root, resolve(overlay))),
    missing: missing.map((file) => relative(resolve(overlay), file)),
    remove: () => rm(copy, { recursive: true, force: true }),
  };
}
