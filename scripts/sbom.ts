// `npm run sbom`: a CycloneDX SBOM of each service image's contents, the production dependencies of
// that one workspace (the same set the Dockerfile installs), into sbom/<service>.cdx.json.
// Reads package-lock.json and node_modules, so run it after `npm ci`. The generator is fetched by
// npx on first use rather than installed with every clone: it brings a native XML module that only
// SBOM makers need.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);
// renovate: datasource=npm depName=@cyclonedx/cyclonedx-npm
const cyclonedxVersion = '6.0.1';
const services = ['gateway', 'auth', 'notes'];

await mkdir('sbom', { recursive: true });
for (const service of services) {
  const output = `sbom/${service}.cdx.json`;
  await exec('npx', [
    '--yes',
    `@cyclonedx/cyclonedx-npm@${cyclonedxVersion}`,
    '--omit', 'dev',
    '--workspace', `services/${service}`,
    '--output-reproducible',
    '--validate',
    '--output-file', output,
  ]); // prettier-ignore
  console.log(output);
}
