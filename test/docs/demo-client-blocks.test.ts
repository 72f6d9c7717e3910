import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateDevMaterial, readDemoClient } from '@bulkhead/dev-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownFiles, shellBlocks } from './markdown.ts';

const run = promisify(execFile);

/** Each shell block of the READMEs that reads the demo client, with the `-u` arguments it sends. */
const blocks = markdownFiles.flatMap((file) =>
  shellBlocks(file.text)
    .filter((block) => block.includes('.dev/demo-client.txt'))
    .map((block) => {
      const lines = block.split('\n');
      const reading = lines.findLastIndex((line) => line.includes('.dev/demo-client.txt'));
      return {
        name: `${file.path}: ${lines[reading]?.trim() ?? ''}`,
        reads: lines.slice(0, reading + 1).filter((line) => line.includes('.dev/demo-client.txt')),
        credentials: [...block.matchAll(/-u "([^"]+)"/g)].map((m) => m[1] ?? ''),
      };
    }),
);

describe('README shell blocks that read .dev/demo-client.txt', () => {
  let work: string;
  let client: { id: string; secret: string };
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulkhead-readme-'));
    await generateDevMaterial({ dir: join(work, '.dev') });
    client = await readDemoClient(join(work, '.dev'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('when the READMEs are read, then the workshop blocks are found (compose and kind)', () => {
    expect(blocks.map(({ name }) => name.split(':')[0]).sort()).toEqual([
      'README.md',
      'k8s/README.md',
    ]);
  });

  it.each(blocks.map((block) => [block.name, block] as const))(
    'when %s runs, then curl -u sends the demo client id and secret dev-pki wrote',
    async (_name, { reads, credentials }) => {
      expect(credentials.length).toBeGreaterThan(0);
      for (const argument of credentials) {
        // The block's own lines that read the file, then the argument as the shell expands it.
        const script = ['set -eu', ...reads, `printf '%s' "${argument}"`].join('\n');

        const { stdout } = await run('bash', ['-c', script], { cwd: work });

        expect(stdout).toBe(`${client.id}:${client.secret}`);
      }
    },
  );
});
