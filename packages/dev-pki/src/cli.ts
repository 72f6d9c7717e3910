import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDevMaterial } from './generate.ts';

const usage = `usage: dev-pki [--dir DIR] [--force]

Makes the development CA, a certificate per service, a JWT signing key and a demo client.
Existing material is kept unless --force is given.

  --dir DIR   where to write (default: .dev at the repository root)
  --force     replace everything, e.g. after the demo secret leaked`;

// src/ (or dist/) -> packages/dev-pki -> packages -> the repository root.
const defaultDir = fileURLToPath(new URL('../../../.dev', import.meta.url));

/** Runs the `dev-pki` command and resolves to the process exit code. */
export async function main(argv: string[], cwd: string): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dir: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`dev-pki: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const dir = values.dir === undefined ? defaultDir : resolve(cwd, values.dir);
  const { created, kept } = await generateDevMaterial({ dir, force: values.force });
  const shown = relative(cwd, dir).startsWith('..') ? dir : relative(cwd, dir) || '.';
  if (created.length > 0) console.log(`created: ${created.join(', ')}`);
  if (kept.length > 0) console.log(`kept (use --force to replace): ${kept.join(', ')}`);
  console.log(`dev secrets written to ${shown}/ (git-ignored)`);
  return 0;
}
