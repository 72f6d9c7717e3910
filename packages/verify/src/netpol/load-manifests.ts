import { readFile } from 'node:fs/promises';

import { parseAllDocuments } from 'yaml';

// A stop-gap: the shared loader in src/manifests/ replaces this file once both branches merge.

/** Reads a file, turning a filesystem failure into a one-line message that names the file. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(`cannot read ${file} (${code})`, { cause: error });
  }
}

/**
 * The objects of YAML files of Kubernetes manifests: every document of each file, in order,
 * with `kind: List` documents expanded into their items and empty documents skipped.
 * Throws an Error naming the file and line of the first YAML syntax error.
 */
export async function loadManifests(files: readonly string[]): Promise<object[]> {
  const objects: object[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readText(file))) {
      const [error] = document.errors;
      // The first line says what and where (line, column); the rest is a code frame.
      if (error !== undefined) {
        throw new Error(`${file}: ${error.message.split('\n')[0]?.replace(/:$/, '') ?? ''}`);
      }
      const value: unknown = document.toJS();
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new Error(`${file}: a document is not a Kubernetes object (a YAML mapping)`);
      }
      const { kind, items } = value as { kind?: unknown; items?: unknown };
      objects.push(...(kind === 'List' && Array.isArray(items) ? (items as object[]) : [value]));
    }
  }
  return objects;
}
