import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/require-node.js';
import { repoRoot } from '../k8s/render.ts';

const run = promisify(execFile);
const script = join(repoRoot, 'scripts/require-node.js');

/** Runs the check in a real Node.js process that reports `version` as its own. */
async function checkAs(version?: string) {
  const pretend = `Object.defineProperty(process, 'version', { value: '${version ?? ''}' })`;
  const args = version ? ['--import', `data:text/javascript,${pretend}`, script] : [script];
  try {
    const { stdout, stderr } = await run(process.execPath, args);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

describe('scripts/require-node.js, the first step of npm start', () => {
  it('when Node.js 22 runs it, then it exits 1 with one line naming the version needed', async () => {
    const { code, output } = await checkAs('v22.11.0');

    expect(code).toBe(1);
    expect(output).toBe(
      'Bulkhead needs Node.js 24 or newer (it runs its TypeScript directly); this is v22.11.0.\n',
    );
  });

  it('when this Node.js runs it, then it exits 0 and says nothing', async () => {
    await expect(checkAs()).resolves.toEqual({ code: 0, output: '' });
  });

  it.each(['v24.0.0', 'v26.1.0'])('when the version is %s, then there is no problem', (version) => {
    expect(nodeVersionProblem(version)).toBeUndefined();
  });
});
