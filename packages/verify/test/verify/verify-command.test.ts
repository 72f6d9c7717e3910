import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const compliant = join(import.meta.dirname, 'fixtures', 'compliant');
// Each run loads the ~2,000 schema modules in a fresh process; the machine is shared.
const slow = 60_000;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulkhead-verify-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Copies the compliant overlay to `k8s/overlays/<name>` in the temp dir and returns its path. */
async function overlay(name: string): Promise<string> {
  const dir = join(work, 'k8s', 'overlays', name);
  await mkdir(dir, { recursive: true });
  await cp(compliant, dir, { recursive: true });
  return dir;
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

describe('bulkhead verify', { timeout: slow }, () => {
  it('when every overlay in k8s/overlays is compliant, then it says so and exits 0', async () => {
    await overlay('kind');
    await overlay('production');

    const { code, stdout } = await runCli(['verify'], { cwd: work });

    expect(stdout).toContain(join('k8s', 'overlays', 'kind'));
    expect(stdout).toContain(join('k8s', 'overlays', 'production'));
    expect(stdout).toContain('2 overlays checked: 0 errors, 0 warnings');
    expect(code).toBe(0);
  });

  it('when a copy is broken, then each finding names the rule and the field, and it exits 1', async () => {
    const dir = await overlay('broken');
    const deployment = join(dir, 'deployment.yaml');
    await edit(deployment, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    await edit(deployment, 'notes:1.0.0', 'notes:latest');
    await edit(join(dir, 'role.yaml'), '[get, list, watch]', '[get, list, watch, impersonate]');

    // In the temp dir there is no k8s/network-intent.yaml: the fixture has no NetworkPolicies.
    const { code, stdout } = await runCli(['verify', '--overlay', dir, '--format', 'json'], {
      cwd: work,
    });

    const findings = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { rule: string; path: string; object: object });
    expect(findings.map(({ rule, path }) => `${rule} ${path}`)).toEqual([
      'readonly-root-filesystem spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
      'image-tag spec.template.spec.containers[0].image',
      'rbac-escalation-verbs rules[0].verbs[3]',
    ]);
    expect(findings[0]?.object).toEqual({
      kind: 'Deployment',
      namespace: 'bulkhead-notes',
      name: 'notes',
    });
    expect(code).toBe(1);
  });

  it('when a field is misspelt, then the text report names the schema rule, the field and a fix', async () => {
    const dir = await overlay('typo');
    await edit(join(dir, 'service.yaml'), 'targetPort: https', 'tragetPort: https');

    const { code, stdout } = await runCli(['verify', '--overlay', dir], { cwd: work });

    expect(stdout).toContain('error   schema  Service bulkhead-notes/notes');
    expect(stdout).toContain('spec.ports[0].tragetPort: unknown field "tragetPort"');
    expect(stdout).toContain('fix: correct the field');
    expect(code).toBe(1);
  });

  it('when kubectl is not on PATH, then it says how to get it and exits 2', async () => {
    const dir = await overlay('kind');
    const emptyBin = join(work, 'empty-bin');
    await mkdir(emptyBin);

    const { code, stderr } = await runCli(['verify', '--overlay', dir], {
      env: { ...process.env, PATH: emptyBin },
    });

    expect(stderr).toContain('kubectl not found on PATH; install it');
    expect(code).toBe(2);
  });

  it('when a kustomization does not render, then it shows kubectl’s error and exits 2', async () => {
    const dir = await overlay('kind');
    await edit(join(dir, 'kustomization.yaml'), '- role.yaml', '- missing-role.yaml');

    const { code, stderr } = await runCli(['verify', '--overlay', dir]);

    expect(stderr).toContain(`kubectl kustomize ${dir} failed`);
    expect(stderr).toContain('missing-role.yaml');
    expect(code).toBe(2);
  });

  it('when there is no k8s/overlays folder and no --overlay, then it says what to pass', async () => {
    const { code, stderr } = await runCli(['verify'], { cwd: work });

    expect(stderr).toContain('pass --overlay DIR');
    expect(code).toBe(2);
  });

  it('when asked for --help, then it prints the usage and exits 0', async () => {
    const { code, stdout } = await runCli(['verify', '--help']);

    expect(stdout).toContain(
      'usage: bulkhead verify [--overlay DIR]... [--intent FILE] [--peers FILE]',
    );
    expect(code).toBe(0);
  });

  it('when the format is unknown, then it names the allowed ones and exits 2', async () => {
    const { code, stderr } = await runCli(['verify', '--format', 'yaml']);

    expect(stderr).toContain('--format must be text or json');
    expect(code).toBe(2);
  });
});
