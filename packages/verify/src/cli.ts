import * as netpol from './commands/netpol.ts';
import * as pss from './commands/pss.ts';
import * as verify from './commands/verify.ts';

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const commands: Record<string, Command> = { verify, pss, netpol };

const usage = `usage: bulkhead <command> [options]

${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
  .join('\n')}

Run "bulkhead <command> --help" for the options of one command.`;

/** Runs one `bulkhead` command and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`bulkhead: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command.run(args);
}
