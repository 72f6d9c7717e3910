import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifySecret } from '../src/secret-hash.ts';

const script = fileURLToPath(new URL('../src/hash-secret.ts', import.meta.url));

/** Runs the CLI as npm would, feeding `input` on stdin. */
function hashSecretCli(args: string[], input: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      'node',
      ['--conditions=bulkhead-source', script, ...args],
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

describe('hash-secret', () => {
  it('when given a secret on stdin, then prints a PHC hash that verifies against it', async () => {
    const { code, stdout } = await hashSecretCli([], 'a-long-enough-client-secret\n');

    expect(code).toBe(0);
    expect(await verifySecret('a-long-enough-client-secret', stdout.trim())).toBe(true);
  });

  it('when given the secret as an argument, then refuses without echoing it', async () => {
    const { code, stdout, stderr } = await hashSecretCli(['a-long-enough-client-secret'], '');

    expect(code).toBe(2);
    expect(stderr).toContain('takes no arguments; the secret is read from stdin');
    expect(stdout + stderr).not.toContain('a-long-enough-client-secret');
  });

  it('when the secret is short, then refuses it', async () => {
    const { code, stderr } = await hashSecretCli([], 'short\n');

    expect(code).toBe(1);
    expect(stderr).toContain('at least 16 characters');
  });
});
