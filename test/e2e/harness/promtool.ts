import { spawn } from 'node:child_process';

/**
 * What `promtool check metrics` (Prometheus' own linter) says of an exposition: the problems it
 * prints, one per line, or '' when it finds none. Rejects when promtool is missing or fails to parse.
 */
export function promtoolProblems(exposition: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // 0: clean; 3: lint problems found (listed). Anything else: promtool could not check it.
      if (code === 0 || code === 3) resolve(output.trim());
      else reject(new Error(`promtool exited ${String(code)}: ${output}`));
    });
    child.stdin.end(exposition);
  });
}
