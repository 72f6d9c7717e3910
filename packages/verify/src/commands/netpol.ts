import { parseArgs } from 'node:util';

import { loadManifests, readText } from '../manifests/index.ts';
import {
  diffIntent,
  formatDifferences,
  formatMatrix,
  parseIntent,
  reachability,
} from '../netpol/index.ts';

export const summary = 'the NetworkPolicy reachability matrix, or how it differs from an intent';

const usage = `usage: bulkhead netpol FILE... [--intent FILE] [--format text|json]

Prints which flows the NetworkPolicies in the manifest FILEs allow: every workload and the outside
peers internet, kube-dns and kube-apiserver, to each port the destination declares.

  --intent FILE   a YAML list of the flows meant to be allowed, e.g.
                    - {from: bulkhead-gateway/gateway, to: bulkhead-notes/notes, port: 8443, protocol: TCP}
                  (everything else is meant to be denied); prints only the differences
  --format FMT    text (default) or json: one {"from","to","port","protocol","allowed"} per line
  -h, --help      this help

Exit status: 0 ok, 1 the flows differ from the intent, 2 bad usage or unreadable input.`;

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      intent: { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Prints text as it is, or objects as JSON lines (nothing at all for none). */
function print(output: string | readonly object[]): void {
  if (typeof output === 'string') console.log(output);
  else if (output.length > 0) console.log(output.map((item) => JSON.stringify(item)).join('\n'));
}

/** `bulkhead netpol`: prints the reachability matrix, or its differences from `--intent`. */
export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    console.error(`bulkhead netpol: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals: files } = parsed;
  if (values.help === true) {
    console.log(usage);
    return 0;
  }
  if (files.length === 0 || (values.format !== 'text' && values.format !== 'json')) {
    const problem = files.length === 0 ? 'no FILE given' : `unknown format "${values.format}"`;
    console.error(`bulkhead netpol: ${problem}\n\n${usage}`);
    return 2;
  }
  const json = values.format === 'json';
  try {
    const manifests = await Promise.all(files.map(loadManifests));
    const flows = reachability(manifests.flat().map(({ object }) => object));
    if (values.intent === undefined) {
      print(json ? flows : formatMatrix(flows));
      return 0;
    }
    const differences = diffIntent(flows, parseIntent(await readText(values.intent)));
    print(json ? differences : formatDifferences(differences));
    return differences.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`bulkhead netpol: ${(error as Error).message}`);
    return 2;
  }
}
