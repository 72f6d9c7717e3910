// Runs inside an image (as root, so nothing is hidden from it) and prints, as JSON, what must not
// be there: package managers, TypeScript sources, test files, dev dependencies, private keys.
// FORBIDDEN_PACKAGES (comma-separated names; `@types/` means the whole scope) lists the dev
// dependencies. Third-party packages ship their own tests and typings: only our code is checked
// for those, while every file is checked for keys.
import { closeSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const skip = new Set(['/proc', '/sys', '/dev', '/audit']);
const packageManagers = new Set(['npm', 'npx', 'corepack', 'yarn', 'yarnpkg', 'pnpm']);
const forbidden = (process.env.FORBIDDEN_PACKAGES ?? '').split(',').filter(Boolean);
const privateKey = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]{16,}/;
const found = {
  packageManagers: [] as string[],
  typescript: [] as string[],
  tests: [] as string[],
  devDependencies: [] as string[],
  privateKeys: [] as string[],
};

/** The npm package a folder is, when it sits right in a node_modules folder. */
function packageName(path: string): string | undefined {
  const parent = dirname(path);
  if (basename(parent) === 'node_modules') return basename(path);
  if (basename(dirname(parent)) === 'node_modules' && basename(parent).startsWith('@'))
    return `${basename(parent)}/${basename(path)}`;
  return undefined;
}

function hasPrivateKey(path: string, size: number): boolean {
  if (size > 1_000_000) return false; // binaries; a key file is a few kilobytes
  const buffer = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return privateKey.test(buffer.toString('latin1'));
}

function walk(dir: string, inNodeModules: boolean): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skip.has(path)) continue;
    const stat = lstatSync(path);
    if (packageManagers.has(name)) found.packageManagers.push(path);
    if (stat.isDirectory()) {
      const pkg = packageName(path);
      if (pkg && forbidden.some((f) => (f.endsWith('/') ? pkg.startsWith(f) : pkg === f)))
        found.devDependencies.push(path);
      if (!inNodeModules && path.startsWith('/app/') && /^(test|tests|__tests__)$/.test(name))
        found.tests.push(path);
      walk(path, inNodeModules || name === 'node_modules');
    } else if (stat.isFile() || stat.isSymbolicLink()) {
      if (!inNodeModules && /\.[cm]?ts$/.test(name) && !/\.d\.[cm]?ts$/.test(name))
        found.typescript.push(path);
      if (!inNodeModules && /\.(test|spec)\.[cm]?[jt]sx?$/.test(name)) found.tests.push(path);
      if (stat.isFile() && hasPrivateKey(path, stat.size)) found.privateKeys.push(path);
    }
  }
}

walk('/', false);
console.log(JSON.stringify(found));
