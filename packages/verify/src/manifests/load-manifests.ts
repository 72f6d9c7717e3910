import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from './kubernetes-object.ts';

/** One Kubernetes object from a YAML file, with where it came from. */
export interface Manifest {
  /** The path as the caller gave it. */
  file: string;
  /** 0-based position among the file's objects (after `kind: List` is flattened). */
  index: number;
  object: KubernetesObject;
}

/** A file that cannot be read or is not valid Kubernetes YAML; the message names the file. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function isObject(value: unknown): value is KubernetesObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses every document of a YAML text — a file, or `kubectl kustomize` output — into Kubernetes
 * objects: empty documents are skipped and `kind: List` is flattened into its items. Throws a
 * ManifestError naming `source` and the line (or the document that is not a mapping).
 * @example parseManifests('kind: Pod\n---\nkind: Service\n', 'app.yaml').length // 2
 */
export function parseManifests(text: string, source: string): Manifest[] {
  const objects = parseAllDocuments(text).flatMap((document, position) => {
    const [error] = document.errors;
    // The first line says what and where (line, column); the rest is a code frame.
    const reason = error?.message.split('\n')[0]?.replace(/:$/, '');
    if (reason !== undefined) throw new ManifestError(`${source}: invalid YAML: ${reason}`);
    const value: unknown = document.toJS();
    if (value == null) return [];
    if (!isObject(value)) {
      throw new ManifestError(`${source}: document ${position + 1} is not a YAML mapping`);
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      return (value.items as unknown[]).filter(isObject);
    }
    return [value];
  });
  return objects.map((object, index) => ({ file: source, index, object }));
}

/** Reads a text file; a filesystem failure is a ManifestError naming the file and the code. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ManifestError(`${file}: cannot read the file (${reason})`, { cause: error });
  }
}

/** Reads and parses one YAML file (see parseManifests); an unreadable file is a ManifestError. */
export async function loadManifests(file: string): Promise<Manifest[]> {
  return parseManifests(await readText(file), file);
}
