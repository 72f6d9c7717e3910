import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

/** One Kubernetes object from a YAML file, with where it came from. */
export interface Manifest {
  /** The path as the caller gave it. */
  file: string;
  /** 0-based position among the file's objects (after `kind: List` is flattened). */
  index: number;
  object: KubernetesObject;
}

/** The fields every Kubernetes object has; the rest is left to the checks that read it. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** A file that cannot be read or is not valid Kubernetes YAML; the message names the file. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

function isObject(value: unknown): value is KubernetesObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses every document of a YAML text into Kubernetes objects: empty documents are skipped and
 * `kind: List` is flattened into its items. Throws a ManifestError naming `file` and the line.
 * @example parseManifests('kind: Pod\n---\nkind: Service\n', 'app.yaml').length // 2
 */
export function parseManifests(text: string, file: string): Manifest[] {
  const objects: KubernetesObject[] = [];
  for (const document of parseAllDocuments(text)) {
    const [error] = document.errors;
    if (error !== undefined) throw new ManifestError(`${file}: invalid YAML: ${error.message}`);
    const value: unknown = document.toJS();
    if (value == null) continue;
    if (!isObject(value)) throw new ManifestError(`${file}: a document is not a YAML mapping`);
    if (value.kind === 'List' && Array.isArray(value.items)) {
      objects.push(...(value.items as unknown[]).filter(isObject));
    } else {
      objects.push(value);
    }
  }
  return objects.map((object, index) => ({ file, index, object }));
}

/** Reads and parses one YAML file (see parseManifests); an unreadable file is a ManifestError. */
export async function loadManifests(file: string): Promise<Manifest[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ManifestError(`${file}: cannot read the file (${reason})`, { cause: error });
  }
  return parseManifests(text, file);
}
