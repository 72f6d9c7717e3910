import { parseArgs } from 'node:util';
import { loadManifests, ManifestError, podTemplateOf, type Manifest } from '../manifests/index.ts';
import { evaluate, parseVersion, type Evaluation, type Level } from '../pss/index.ts';

export const summary = 'check Pods and pod templates against a Pod Security Standards level';

const usage = `usage: bulkhead pss --level baseline|restricted [--version v1.N|latest] [--format text|json] FILE...

Evaluates every Pod and pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet,
ReplicationController, Job, CronJob, PodTemplate) in the YAML files, exactly as the
Kubernetes PodSecurity admission would, and prints allowed or denied per object with the
ids of the violated checks.

  --level    baseline or restricted (required)
  --version  policy version, v1.0 … v1.37 or latest (default: latest)
  --format   text (default) or json: one JSON object per line

Exit status: 0 all allowed, 1 something denied, 2 usage error or unreadable/invalid file.`;

/** One evaluated object, as the json format prints it. */
interface Result extends Evaluation {
  file: string;
  kind: string;
  namespace: string | null;
  name: string | null;
  level: Level;
  version: string;
}

interface Options {
  level: Level;
  version: string;
  format: 'text' | 'json';
  files: string[];
}

function usageError(message: string): number {
  console.error(`bulkhead pss: ${message}\n\n${usage}`);
  return 2;
}

function parse(args: string[]): Options | string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      level: { type: 'string' },
      version: { type: 'string', default: 'latest' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const { level, version, format } = values;
  if (level !== 'baseline' && level !== 'restricted') {
    return `--level must be baseline or restricted, got ${level === undefined ? 'nothing' : `"${level}"`}`;
  }
  if (format !== 'text' && format !== 'json')
    return `--format must be text or json, got "${format}"`;
  try {
    parseVersion(version);
  } catch (error) {
    return (error as Error).message;
  }
  if (positionals.length === 0) return 'no FILE given';
  return { level, version, format, files: positionals };
}

function evaluateManifest({ file, object }: Manifest, options: Options): Result | undefined {
  const template = podTemplateOf(object);
  if (template === undefined) return undefined;
  const evaluation = evaluate(template.metadata, template.spec, options);
  return {
    file,
    kind: object.kind ?? '',
    namespace: object.metadata?.namespace ?? null,
    name: object.metadata?.name ?? null,
    level: options.level,
    version: options.version,
    ...evaluation,
  };
}

function print(result: Result, format: Options['format']): void {
  if (format === 'json') {
    const { file, kind, namespace, name, level, version, allowed, violations } = result;
    console.log(
      JSON.stringify({ file, kind, namespace, name, level, version, allowed, violations }),
    );
    return;
  }
  const object = `${result.kind} ${result.namespace === null ? '' : `${result.namespace}/`}${result.name ?? '(unnamed)'}`;
  const verdict = result.allowed
    ? 'allowed'
    : `denied: ${result.violations.map((v) => v.check).join(', ')}`;
  console.log(`${result.file}: ${object}: ${verdict} (${result.level}:${result.version})`);
  for (const { check, message } of result.violations) console.log(`  ${check}: ${message}`);
}

/** `bulkhead pss`: exit 0 when every object is allowed, 1 when one is denied, 2 on bad input. */
export async function run(args: string[]): Promise<number> {
  let options: Options | string;
  try {
    options = parse(args);
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }
  if (typeof options === 'string') return usageError(options);

  let status = 0;
  let evaluated = 0;
  for (const file of options.files) {
    let manifests: Manifest[];
    try {
      manifests = await loadManifests(file);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      console.error(`bulkhead pss: ${error.message}`);
      status = 2;
      continue;
    }
    for (const manifest of manifests) {
      let result: Result | undefined;
      try {
        result = evaluateManifest(manifest, options);
      } catch (error) {
        // A spec the API server would reject (a number where a list belongs) may trip a check.
        const { kind = 'object', metadata } = manifest.object;
        console.error(
          `bulkhead pss: ${file}: cannot evaluate ${kind} ${metadata?.name ?? `#${manifest.index}`}: ${(error as Error).message}`,
        );
        status = 2;
        continue;
      }
      if (result === undefined) continue;
      evaluated += 1;
      print(result, options.format);
      if (!result.allowed) status = Math.max(status, 1);
    }
  }
  if (evaluated === 0 && status === 0) {
    console.error('bulkhead pss: no Pod or pod template found in the given files');
  }
  return status;
}
