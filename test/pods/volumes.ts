import { spawn } from 'node:child_process';
import { baseImage } from '../containers/images.ts';
import { docker } from '../containers/docker.ts';
import type { SecretVolume } from './pod-plan.ts';

// Runs inside a throwaway root container with the volume at /volume. It writes a Secret the way
// the kubelet's AtomicWriter does: the files into a new `..<timestamp>` folder, then `..data`
// switched to it by one rename (atomic), and each top-level name a link through `..data`. A
// reader holding the old files keeps them; the next open sees the new ones.
const atomicWriter = `
const fs = require('node:fs'), path = require('node:path');
const { files, mode, group } = JSON.parse(fs.readFileSync(0, 'utf8'));
const root = '/volume', stamp = '..' + new Date().toISOString().replace(/[-:.TZ]/g, '_') + process.hrtime.bigint();
fs.mkdirSync(path.join(root, stamp), { mode: 0o755 });
for (const [name, content] of Object.entries(files)) {
  const file = path.join(root, stamp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
  if (group !== null) fs.chownSync(file, 0, group);
}
fs.symlinkSync(stamp, path.join(root, '..data_tmp'));
fs.renameSync(path.join(root, '..data_tmp'), path.join(root, '..data'));
for (const name of new Set(Object.keys(files).map((file) => file.split('/')[0]))) {
  const link = path.join(root, name);
  if (!fs.existsSync(link)) fs.symlinkSync(path.join('..data', name), link);
}
for (const entry of fs.readdirSync(root)) {
  if (entry.startsWith('..') && entry !== '..data' && entry !== stamp) fs.rmSync(path.join(root, entry), { recursive: true });
}`;

// local-path-provisioner (kind's default StorageClass) creates each volume as a folder, mode 0777.
const localPath = `require('node:fs').chmodSync('/volume', 0o777)`;

function runInVolume(volume: string, script: string, input = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [
      'run',
      '--rm',
      '-i',
      '--user',
      '0:0',
      '--network',
      'none',
      '-v',
      `${volume}:/volume`,
    ];
    const child = spawn('docker', [...args, '--entrypoint', 'node', baseImage, '-e', script]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`writing volume ${volume} failed (${code}): ${stderr.trim()}`));
    });
    child.stdin.end(input);
  });
}

/** Creates the Docker volume for a Secret and lays out its files as the kubelet does. */
export async function createSecretVolume(name: string, volume: SecretVolume, labels: string[]) {
  await docker(['volume', 'create', ...labels.flatMap((label) => ['--label', label]), name]);
  await writeSecretVolume(name, volume.files, volume);
}

/** A kubelet update of a mounted Secret: new files, one atomic switch of `..data`. */
export function writeSecretVolume(
  name: string,
  files: Record<string, string>,
  { mode, group }: SecretVolume,
) {
  return runInVolume(name, atomicWriter, JSON.stringify({ files, mode, group: group ?? null }));
}

/** Creates the Docker volume standing in for a PersistentVolumeClaim on kind. */
export async function createClaimVolume(name: string, labels: string[]) {
  await docker(['volume', 'create', ...labels.flatMap((label) => ['--label', label]), name]);
  await runInVolume(name, localPath);
}
