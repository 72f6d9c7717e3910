import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { docker } from './docker.ts';

/** The base image the Dockerfile starts from by default (its `ARG NODE_IMAGE`). */
export const baseImage = 'node:24-alpine';

/** What `audit-image.ts` found inside an image. */
export interface ImageAudit {
  packageManagers: string[];
  typescript: string[];
  tests: string[];
  devDependencies: string[];
  privateKeys: string[];
}

/** `docker build --build-arg SERVICE=<service> -t <service>:dev .`, as the README says. */
export async function buildImage(root: string, service: string): Promise<void> {
  await docker(['build', '--build-arg', `SERVICE=${service}`, '-t', `${service}:dev`, root]);
}

/**
 * Packages no image may hold: every workspace's and the root's devDependencies that neither the
 * platform nor this service needs at run time, the whole `@types/` scope, and the workspaces
 * other than the platform and this service.
 */
export async function devDependencyNames(root: string, service: string): Promise<string[]> {
  const manifest = async (path: string) =>
    JSON.parse(await readFile(join(root, path, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
  const rootManifest = await manifest('.');
  const folders = [];
  for (const parent of ['packages', 'services'])
    folders.push(...(await readdir(join(root, parent))).map((name) => `${parent}/${name}`));
  const workspaces = await Promise.all(folders.map(manifest));
  const names = new Set(['@types/', 'typescript', 'vitest', 'eslint', 'prettier', 'supertest']);
  const shipped = (name: string) =>
    name === '@bulkhead/platform' || name === `@bulkhead/${service}`;
  const runtime = new Set(
    workspaces
      .filter(({ name }) => shipped(name))
      .flatMap(({ dependencies = {} }) => Object.keys(dependencies)),
  );
  for (const { name, devDependencies = {} } of [rootManifest, ...workspaces]) {
    Object.keys(devDependencies).forEach((dev) => names.add(dev));
    if (!shipped(name) && name !== 'bulkhead') names.add(name);
  }
  return [...names].filter((name) => !runtime.has(name));
}

/** Runs `audit-image.ts` inside `image` as root, with the network off. */
export async function auditImage(root: string, image: string, forbidden: string[]) {
  const script = join(root, 'test/containers/audit-image.ts');
  const json = await docker([
    'run', '--rm', '--network', 'none', '--user', '0:0',
    '-e', `FORBIDDEN_PACKAGES=${forbidden.join(',')}`,
    '-v', `${script}:/audit/audit-image.ts:ro`,
    '--entrypoint', 'node', image, '/audit/audit-image.ts',
  ]); // prettier-ignore
  return JSON.parse(json) as ImageAudit;
}

/** The image's size and what it adds on top of the base image, in MB. */
export async function imageSize(image: string): Promise<{ total: number; added: number }> {
  const size = async (name: string) =>
    Number(await docker(['image', 'inspect', '-f', '{{.Size}}', name])) / 1e6;
  const [total, base] = await Promise.all([size(image), size(baseImage)]);
  return { total, added: total - base };
}
