import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifests, ManifestError, readText } from '../../manifests/index.ts';
import { parseIntent } from '../../netpol/index.ts';
import type { NetpolIntentOptions } from './netpol-intent.ts';

/** Where `bulkhead verify` looks for the intent and the cluster stand-ins by default. */
export const defaultIntentFile = join('k8s', 'network-intent.yaml');
export const defaultPeersFile = join('k8s', 'cluster-peers.yaml');

/** The netpol-intent inputs, or why the rule does not run. */
export type NetworkIntent = { options: NetpolIntentOptions } | { skipped: string };

/**
 * Reads the intent and the peers. A file named on the command line must exist; by default a
 * missing intent skips the rule (with the reason) and missing peers mean none. A file that is not
 * valid is a ManifestError naming it.
 * @example await loadNetworkIntent({}) // k8s/network-intent.yaml and k8s/cluster-peers.yaml
 */
export async function loadNetworkIntent({
  intent,
  peers,
}: {
  intent?: string;
  peers?: string;
}): Promise<NetworkIntent> {
  const intentFile = intent ?? defaultIntentFile;
  if (intent === undefined && !(await exists(intentFile))) {
    return { skipped: `netpol-intent skipped: no ${intentFile} (pass --intent FILE)` };
  }
  const peersFile = peers ?? defaultPeersFile;
  const peerObjects =
    peers === undefined && !(await exists(peersFile)) ? [] : await loadManifests(peersFile);
  let flows;
  try {
    flows = parseIntent(await readText(intentFile));
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(`${intentFile}: ${(error as Error).message}`);
  }
  return {
    options: {
      intent: flows,
      peers: peerObjects.map(({ object }) => object),
      intentFile,
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
