// `npm run -s -w services/auth hash-secret`: prints the PHC hash of a client secret for the
// clients file. The secret comes from stdin or a prompt without echo, never from argv, where it
// would stay in shell history and be visible to `ps`.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { hashSecret } from './secret-hash.ts';

const usage = `usage: hash-secret < secret.txt     (or run it and type the secret)

Prints the scrypt hash of a client secret in PHC format, for "secretHash" in the clients file.
Make a secret with: node -e "console.log(crypto.randomBytes(32).toString('base64url'))"`;

const minLength = 16;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  if (argv.length > 0) {
    console.error(`hash-secret: takes no arguments; the secret is read from stdin.\n\n${usage}`);
    return 2;
  }
  const entered = process.stdin.isTTY ? await prompt() : await readPiped();
  if (entered === undefined) return 1;
  if (entered.length < minLength) {
    console.error(`hash-secret: the secret must have at least ${minLength} characters`);
    return 1;
  }
  console.log(await hashSecret(entered));
  return 0;
}

async function readPiped(): Promise<string> {
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** Asks twice without echo; undefined when the two differ. */
async function prompt(): Promise<string | undefined> {
  const silent = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const lines = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    process.stderr.write('Client secret: ');
    const first = await lines.question('');
    process.stderr.write('\nAgain: ');
    const second = await lines.question('');
    process.stderr.write('\n');
    if (first === second) return first;
    console.error('hash-secret: the two entries differ');
    return undefined;
  } finally {
    lines.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
