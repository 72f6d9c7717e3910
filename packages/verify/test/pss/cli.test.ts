import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const workloads = 'packages/verify/test/pss/fixtures/workloads.yaml';

/** Runs the real CLI from the repository root, as a user would. */
async function bulkhead(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['packages/verify/bin/bulkhead.js', ...args],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('bulkhead pss', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulkhead-pss-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a file holds a denied CronJob, then text names each object and exits 1', async () => {
    const { code, stdout } = await bulkhead('pss', '--level', 'baseline', workloads);

    expect(stdout).toBe(
      [
        `${workloads}: Deployment shop/web: allowed (baseline:latest)`,
        `${workloads}: CronJob shop/nightly: denied: hostNamespaces (baseline:latest)`,
        '  hostNamespaces: host namespaces (hostNetwork=true)',
        `${workloads}: Pod debug: allowed (baseline:latest)`,
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
  });

  it('when --format json, then it prints one JSON object per pod template with the file as given', async () => {
    const { code, stdout } = await bulkhead(
      'pss',
      '--level=restricted',
      '--version=v1.30',
      '--format=json',
      workloads,
    );

    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.map(({ file, kind, namespace, name, level, version, allowed }) => ({
        file,
        kind,
        namespace,
        name,
        level,
        version,
        allowed,
      })),
    ).toEqual([
      {
        file: workloads,
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        level: 'restricted',
        version: 'v1.30',
        allowed: true,
      },
      {
        file: workloads,
        kind: 'CronJob',
        namespace: 'shop',
        name: 'nightly',
        level: 'restricted',
        version: 'v1.30',
        allowed: false,
      },
      {
        file: workloads,
        kind: 'Pod',
        namespace: null,
        name: 'debug',
        level: 'restricted',
        version: 'v1.30',
        allowed: false,
      },
    ]);
    expect((lines[2]?.violations as { check: string }[]).map((v) => v.check)).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    expect(code).toBe(1);
  });

  it('when every object is allowed, then it exits 0', async () => {
    const file = join(dir, 'pod.yaml');
    await writeFile(
      file,
      'kind: Pod\nmetadata: {name: ok}\nspec:\n  containers: [{name: a, image: a:1}]\n',
    );

    const { code, stdout } = await bulkhead('pss', '--level', 'baseline', file);

    expect(stdout).toBe(`${file}: Pod ok: allowed (baseline:latest)\n`);
    expect(code).toBe(0);
  });

  it('when the level is missing or unknown, then it explains the usage and exits 2', async () => {
    const missing = await bulkhead('pss', workloads);
    const unknown = await bulkhead('pss', '--level', 'strict', workloads);
    const badVersion = await bulkhead('pss', '--level', 'baseline', '--version', '1.30', workloads);

    expect(missing.stderr).toContain('--level must be baseline or restricted, got nothing');
    expect(unknown.stderr).toContain('--level must be baseline or restricted, got "strict"');
    expect(badVersion.stderr).toContain('invalid policy version "1.30"');
    expect([missing.code, unknown.code, badVersion.code]).toEqual([2, 2, 2]);
  });

  it('when a file is missing or not valid YAML, then it names the file and exits 2', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'kind: Pod\nspec: [\n');

    const { code, stderr } = await bulkhead(
      'pss',
      '--level',
      'baseline',
      join(dir, 'nope.yaml'),
      broken,
    );

    expect(stderr).toContain(`${join(dir, 'nope.yaml')}: cannot read the file (ENOENT)`);
    expect(stderr).toContain(`${broken}: invalid YAML`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(2);
  });

  it('when asked for --help, then it prints the usage and exits 0', async () => {
    const { code, stdout } = await bulkhead('pss', '--help');

    expect(stdout).toContain('usage: bulkhead pss --level baseline|restricted');
    expect(code).toBe(0);
  });
});
