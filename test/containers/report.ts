import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs named checks one after another, prints each result and the totals line CI reads. */
export function createReport() {
  let passed = 0;
  let failed = 0;
  /** Runs `fn`; a string it returns is printed beside the name, what it throws fails the check. */
  const check = async (name: string, fn: () => unknown): Promise<boolean> => {
    try {
      const detail = await fn();
      passed += 1;
      console.log(`  ✓ ${name}${typeof detail === 'string' ? ` — ${detail}` : ''}`);
      return true;
    } catch (error) {
      failed += 1;
      // The end of a failed command's output says why; a build log before it does not.
      const lines = (error instanceof Error ? error.message : String(error)).trim().split('\n');
      console.log(`  ✗ ${name}\n      ${lines.slice(-12).join('\n      ')}`);
      return false;
    }
  };
  return {
    check,
    /** Prints `N passed, N failed`, writes a vitest-style JSON into `resultsDir` when given. */
    async finish(resultsDir: string | undefined, file = 'containers.json'): Promise<number> {
      console.log(`${passed} passed, ${failed} failed`);
      if (resultsDir) {
        await mkdir(resultsDir, { recursive: true });
        const json = { numPassedTests: passed, numFailedTests: failed };
        await writeFile(join(resultsDir, file), `${JSON.stringify(json)}\n`);
      }
      return failed === 0 ? 0 : 1;
    },
  };
}
