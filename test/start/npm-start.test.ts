import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The lines of `npm start`'s greeting that a user pastes: from `TOKEN=` to the curl that posts. */
function pastedCommands(output: string): string {
  const start = output.indexOf('  TOKEN=');
  const end = output.indexOf('Ctrl-C stops all three.');
  return output.slice(start, end).trim();
}

describe('npm start (the README first command)', () => {
  it('when started, then the printed curl gets a token and creates a note, and Ctrl-C stops all three gracefully', async () => {
    // Its own process group, so Ctrl-C can be sent the way a terminal sends it: to the group.
    const npm = spawn('npm', ['start'], { cwd: repoRoot, detached: true, stdio: 'pipe' });
    let output = '';
    const up = new Promise<void>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops all three.')) resolve();
      });
      npm.once('exit', (code) => {
        reject(new Error(`npm start exited with ${String(code)}:\n${output}`));
      });
    });
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await up;

    const { stdout } = await run('bash', ['-c', pastedCommands(output)], { cwd: repoRoot });
    const exited = once(npm, 'exit');
    process.kill(-(npm.pid ?? 0), 'SIGINT');
    // npm ends itself by the SIGINT it got; what counts is how the script and services ended.
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];

    expect(JSON.parse(stdout)).toMatchObject({ title: 'Hello', body: 'from curl', version: 1 });
    expect(signal).toBe('SIGINT');
    expect(output.match(/shutdown complete/g)).toHaveLength(3);
    expect(output).toContain('all three stopped cleanly');
  }, 60_000);
});
