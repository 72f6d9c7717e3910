// `npm run sbom`: a CycloneDX SBOM of each service image's contents, the production dependencies of
// that one workspace (the same set the Dockerfile installs), into sbom/<service>.cdx.json.
// Reads package-lock.json and node_modules, so run it after `npm ci`.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const services = ['gateway', 'auth', 'notes'];

await mkdir('sbom', { recursive: true });
for (const service of services) {
  const output = `sbom/${service}.cdx.json`;
  await exec('node_modules/.bin/cyclonedx-npm', [
    '--omit', 'dev',
    '--workspace', `services/${service}`,
    '--output-reproducible',
    '--validate',
    '--output-file', output,
  ]); // prettier-ignore
  console.log(output);
}
