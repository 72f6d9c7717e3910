import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { TypedObject } from '../manifests/index.ts';
import type { Layers } from '../rules/rule.ts';
import { RenderError, renderOverlay } from './kustomize.ts';
import { withStandInSecrets } from './stand-in-secrets.ts';

/** One overlay as the rules see it: every object, the app layer beside them, and any notes. */
export interface RenderedOverlay {
  objects: TypedObject[];
  layers?: Layers;
  notes: string[];
}

async function isKustomization(dir: string): Promise<boolean> {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    if (
      await access(join(dir, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

async function renderOne(dir: string, notes: string[]): Promise<TypedObject[]> {
  const standIns = await withStandInSecrets(dir);
  try {
    if (standIns.missing.length > 0) {
      notes.push(
        `${dir}: rendered with empty stand-ins for its missing secret files (${standIns.missing.join(', ')}); the rules never read secret values`,
      );
    }
    return await renderOverlay(standIns.dir);
  } catch (error) {
    if (error instanceof RenderError)
      throw new RenderError(error.message.replace(standIns.dir, dir));
    throw error;
  } finally {
    await standIns.remove();
  }
}

/**
 * Renders an overlay: a kustomization, or a folder with two layers, `cluster/` (applied once by a
 * cluster admin) and `app/` (applied by the deployer role). The rules check both layers together,
 * and rbac-deployer-layer checks the app layer against the deployer's Role.
 * @example const { objects, layers } = await renderLayers('k8s/overlays/production');
 */
export async function renderLayers(dir: string): Promise<RenderedOverlay> {
  const notes: string[] = [];
  if (await isKustomization(dir)) return { objects: await renderOne(dir, notes), notes };
  const [cluster, app] = [join(dir, 'cluster'), join(dir, 'app')];
  if (!(await isKustomization(cluster)) || !(await isKustomization(app))) {
    throw new RenderError(
      `${dir} has no kustomization.yaml, nor the two layers cluster/ and app/ with one each`,
    );
  }
  const [clusterObjects, appObjects] = await Promise.all([
    renderOne(cluster, notes),
    renderOne(app, notes),
  ]);
  return { objects: [...clusterObjects, ...appObjects], layers: { app: appObjects }, notes };
}
