import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RenderError } from '../render/kustomize.ts';
import { renderLayers } from '../render/render-layers.ts';
import { formatJson } from '../report/format-json.ts';
import { formatText, type OverlayReport } from '../report/format-text.ts';
import { loadNetworkIntent, loadRules, runRules } from '../rules/index.ts';
import { ManifestError } from '../manifests/index.ts';

export const summary = 'render overlays with kubectl kustomize and check every rule';

const usage = `usage: bulkhead verify [--overlay DIR]... [--intent FILE] [--peers FILE] [--format text|json]

Renders each overlay with "kubectl kustomize DIR" and checks schemas, Pod Security, workload
hardening, RBAC and the NetworkPolicy matrix against the intent. Prints every finding (rule,
severity, object, field path, message, fix) per overlay. An overlay in two layers (DIR/cluster
and DIR/app) is checked as one, and the deployer Role is checked against its app layer.

  --overlay DIR   a kustomization, or a folder with cluster/ and app/, to check; repeat for
                  several (default: every folder in k8s/overlays/)
  --intent FILE   the flows meant to be allowed (default: k8s/network-intent.yaml; without it,
                  netpol-intent is skipped with a note)
  --peers FILE    stand-ins for what the cluster runs outside the overlays (default:
                  k8s/cluster-peers.yaml, when it exists)
  --format FMT    text (default) or json (one finding per line)
  -h, --help      show this help

Exit status: 0 when no rule reports an error, 1 when one does, 2 when nothing could be checked.`;

/** `bulkhead verify`: resolves to 0 (all rules hold), 1 (an error finding) or 2 (could not run). */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        overlay: { type: 'string', multiple: true },
        intent: { type: 'string' },
        peers: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`bulkhead verify: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    console.log(usage);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    console.error(`bulkhead verify: --format must be text or json, not "${values.format}"`);
    return 2;
  }
  try {
    const overlays = values.overlay ?? (await defaultOverlays());
    // Render everything first: a missing kubectl or a broken kustomization fails fast.
    const rendered = await Promise.all(overlays.map(renderLayers));
    const network = await loadNetworkIntent(values);
    const rules = await loadRules('options' in network ? { network: network.options } : {});
    const notes = [
      ...rendered.flatMap((overlay) => overlay.notes),
      ...('skipped' in network ? [network.skipped] : []),
    ];
    const reports: OverlayReport[] = rendered.map(({ objects, layers }, index) => ({
      overlay: overlays[index] ?? '',
      findings: runRules(objects, rules, layers),
    }));
    if (values.format === 'json') {
      // Notes go to stderr so that stdout stays one JSON finding per line.
      for (const note of notes) console.error(`bulkhead verify: ${note}`);
      console.log(formatJson(reports));
    } else {
      console.log(formatText(reports, notes));
    }
    const failed = reports.some(({ findings }) => findings.some((f) => f.severity === 'error'));
    return failed ? 1 : 0;
  } catch (error) {
    if (!(error instanceof RenderError) && !(error instanceof ManifestError)) throw error;
    console.error(`bulkhead verify: ${error.message}`);
    return 2;
  }
}

async function defaultOverlays(): Promise<string[]> {
  const root = join('k8s', 'overlays');
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const overlays = entries
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => join(root, name));
  if (overlays.length === 0) {
    throw new RenderError(`no overlays in ${root}/ under ${process.cwd()}; pass --overlay DIR`);
  }
  return overlays.sort();
}
