import { statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot, runTool } from './render.ts';

const scripts = [
  'scripts/kind-up.sh',
  'scripts/kind-down.sh',
  'scripts/kind-secrets.sh',
  'scripts/kind-load.sh',
  'scripts/kind-e2e.sh',
];

describe.each(scripts)('%s', (script) => {
  it('when checked out, then it is executable, as the README and the workflow call it', () => {
    expect(statSync(join(repoRoot, script)).mode & 0o111).toBe(0o111);
  });

  it('when bash parses it, then it has no syntax error', async () => {
    await expect(runTool('bash', ['-n', script])).resolves.toBe('');
  });

  it('when shellcheck reads it, then it reports nothing', async () => {
    await expect(runTool('shellcheck', ['--severity=style', script])).resolves.toBe('');
  });
});
