// Runs first, as plain JavaScript that any Node.js can parse, so that an older one says in one
// line what it lacks instead of failing on TypeScript syntax with a stack trace.
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const needed = 24;

/** The one line to print when `version` (like `v22.11.0`) is too old to run Bulkhead, else undefined. */
export function nodeVersionProblem(version) {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= needed) return undefined;
  return `Bulkhead needs Node.js ${String(needed)} or newer (it runs its TypeScript directly); this is ${version}.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
