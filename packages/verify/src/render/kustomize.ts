import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isTyped, parseManifests, type TypedObject } from '../manifests/index.ts';

const run = promisify(execFile);

/** Rendering failed: kubectl is missing, the kustomization is broken, or the output is not YAML. */
export class RenderError extends Error {
  override name = 'RenderError';
}

/**
 * Renders a kustomization with `kubectl kustomize DIR` (no shell) and parses the objects.
 * @example const objects = await renderOverlay('k8s/overlays/kind');
 */
export async function renderOverlay(dir: string): Promise<TypedObject[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    if (code === 'ENOENT') {
      throw new RenderError(
        'kubectl not found on PATH; install it (https://kubernetes.io/docs/tasks/tools/) and run again',
      );
    }
    throw new RenderError(`kubectl kustomize ${dir} failed:\n${(stderr ?? '').trim()}`);
  }
  let objects;
  try {
    objects = parseManifests(stdout, `kubectl kustomize ${dir}`).map(({ object }) => object);
  } catch (error) {
    throw new RenderError((error as Error).message);
  }
  const typed = objects.filter(isTyped);
  if (typed.length < objects.length) {
    throw new RenderError(`kubectl kustomize ${dir} printed an object without apiVersion or kind`);
  }
  return typed;
}
