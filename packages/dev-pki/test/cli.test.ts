import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, 'bin/dev-pki.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dev-pki', () => {
  it('when run on a fresh folder, then says what it made and where', async () => {
    // npm sets INIT_CWD to where the user typed `npm run dev-pki`; relative paths start there.
    const env = { ...process.env, INIT_CWD: dir };

    const { stdout } = await run('node', [bin, '--dir', 'material'], { cwd: packageDir, env });

    expect(stdout).toMatch(
      /^created: ca, gateway, auth, notes, jwt-keys\/\S+\.pem, clients\.json/m,
    );
    expect(stdout).toContain('dev secrets written to material/ (git-ignored)');
  });

  it('when run a second time, then keeps everything and says how to replace it', async () => {
    await run('node', [bin, '--dir', dir]);

    const { stdout } = await run('node', [bin, '--dir', dir]);

    expect(stdout).not.toContain('created:');
    expect(stdout).toContain('kept (use --force to replace): ca, gateway, auth, notes');
  });

  it('when given an unknown option, then exits 2 with the usage', async () => {
    const failure = await run('node', [bin, '--dri', dir]).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    );

    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('usage: dev-pki');
  });
});
