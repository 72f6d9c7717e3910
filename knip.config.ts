import type { KnipConfig } from 'knip';

// `npm run lint` runs knip twice, for what ESLint cannot see: every package.json declares what its
// code imports and nothing else (`knip`), and what runs in production comes from `dependencies`
// (`knip --production --strict`), so an image never lacks a package its code needs.
const config: KnipConfig = {
  include: ['dependencies', 'unlisted', 'unresolved', 'binaries'],
  // Run as a program, not imported: bench/run.ts spawns it.
  ignoreDependencies: ['autocannon'],
  // Programs of the machine, not of npm: the bench pins cores, two tests ask openssl and promtool.
  ignoreBinaries: ['taskset', 'openssl', 'promtool'],
};

export default config;
