import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const slow = 60_000;

// The kind overlay's secretGenerator reads git-ignored dev files; a fresh clone has none yet.
beforeAll(async () => {
  const secrets = join(root, 'k8s', 'overlays', 'kind', 'secrets');
  const key = join(secrets, 'jwt-keys', 'signing-key.pem');
  if (!existsSync(key)) {
    await mkdir(join(secrets, 'jwt-keys'), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(key, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const clients = join(secrets, 'clients.json');
  if (!existsSync(clients)) await writeFile(clients, '{"clients":[]}\n', { mode: 0o600 });
});

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulkhead-k8s-'));
  await cp(join(root, 'k8s'), join(work, 'k8s'), { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  await writeFile(file, text.replace(from, to));
}

const production = join('k8s', 'overlays', 'production');
const kind = join('k8s', 'overlays', 'kind');

describe('bulkhead verify on k8s/', { timeout: slow }, () => {
  it('when run from the repository root, then both real overlays keep every rule and it exits 0', async () => {
    const { code, stdout } = await runCli(['verify'], { cwd: root });

    expect(stdout).toContain(`${join('k8s', 'overlays', 'kind')}\n  ok: every rule holds`);
    expect(stdout).toContain(`${production}\n  ok: every rule holds`);
    expect(stdout).not.toContain('note:');
    expect(stdout).toContain('2 overlays checked: 0 errors, 0 warnings');
    expect(code).toBe(0);
  });

  it('when a fresh clone has no kind dev secrets, then it renders with stand-ins, says so, and changes nothing', async () => {
    const secrets = join(work, 'k8s', 'overlays', 'kind', 'secrets');
    await rm(secrets, { recursive: true, force: true });

    const { code, stdout } = await runCli(['verify', '--overlay', kind], { cwd: work });

    expect(stdout).toContain(`${kind}\n  ok: every rule holds`);
    expect(stdout).toContain(
      `note: ${kind}: rendered with empty stand-ins for its missing secret files (secrets/jwt-keys/signing-key.pem, secrets/clients.json)`,
    );
    expect(existsSync(secrets)).toBe(false);
    expect(code).toBe(0);
  });

  it('when the deployer lacks one verb the app layer needs, then rbac-deployer-layer names it and exits 1', async () => {
    await edit(
      join(work, 'k8s', 'components', 'rbac', 'deployer.yaml'),
      'resources: [certificates]\n    verbs: [get, list, watch, create, update, patch, delete]',
      'resources: [certificates]\n    verbs: [get, list, watch, create, update, delete]',
    );

    const { code, stdout } = await runCli(['verify', '--overlay', production], { cwd: work });

    expect(stdout).toContain('error   rbac-deployer-layer  Role bulkhead-gateway/deployer');
    expect(stdout).toContain(
      'rules: the deployer cannot patch certificates in bulkhead-gateway, so it cannot apply Certificate bulkhead-gateway/edge',
    );
    expect(code).toBe(1);
  });

  it('when the deployer may patch NetworkPolicies, then rbac-deployer-layer points at the rule and exits 1', async () => {
    await edit(
      join(work, 'k8s', 'components', 'rbac', 'deployer.yaml'),
      '  - apiGroups: [apps]\n    resources: [replicasets]',
      '  - apiGroups: [networking.k8s.io]\n    resources: [networkpolicies]\n    verbs: [get, patch]\n  - apiGroups: [apps]\n    resources: [replicasets]',
    );

    const { code, stdout } = await runCli(['verify', '--overlay', production], { cwd: work });

    expect(stdout).toContain('error   rbac-deployer-layer  Role bulkhead-gateway/deployer');
    expect(stdout).toContain(
      'rules[1]: the deployer may patch networkpolicies: the role that ships apps could weaken the security layer',
    );
    expect(stdout).toContain('1 overlay checked: 1 error, 0 warnings');
    expect(code).toBe(1);
  });

  it('when --overlay names a folder with neither a kustomization nor two layers, then it says what it needs and exits 2', async () => {
    const { code, stderr } = await runCli(
      ['verify', '--overlay', join('k8s', 'base', 'gateway', '..', '..')],
      {
        cwd: work,
      },
    );

    expect(stderr).toContain(
      'has no kustomization.yaml, nor the two layers cluster/ and app/ with one each',
    );
    expect(code).toBe(2);
  });

  it('when notes may write its root filesystem, then it names the rule and the field and exits 1', async () => {
    await edit(
      join(work, 'k8s', 'base', 'notes', 'deployment.yaml'),
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: false',
    );

    const { code, stdout } = await runCli(['verify', '--overlay', production], { cwd: work });

    expect(stdout).toContain('error   readonly-root-filesystem  Deployment bulkhead-notes/notes');
    expect(stdout).toContain(
      'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: container "notes"',
    );
    expect(stdout).toContain('1 overlay checked: 1 error, 0 warnings');
    expect(code).toBe(1);
  });

  it('when a policy opens notes to 0.0.0.0/0, then it names the unintended flows and exits 1', async () => {
    await appendFile(
      join(work, 'k8s', 'components', 'network-policies', 'notes.yaml'),
      [
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: { name: notes-anywhere, namespace: bulkhead-notes }',
        'spec:',
        '  podSelector: {}',
        '  policyTypes: [Egress]',
        '  egress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]',
        '',
      ].join('\n'),
    );

    const { code, stdout } = await runCli(['verify', '--overlay', production], { cwd: work });

    expect(stdout).toContain('error   netpol-intent  NetworkPolicy bulkhead-notes/notes-anywhere');
    expect(stdout).toContain(
      'spec.egress[0]: allowed, not intended: bulkhead-notes/notes -> internet 443/TCP',
    );
    expect(stdout).toContain('1 overlay checked: 2 errors, 0 warnings');
    expect(code).toBe(1);
  });

  it('when there is no intent file, then netpol-intent is skipped with a note', async () => {
    await rm(join(work, 'k8s', 'network-intent.yaml'));

    const { code, stdout } = await runCli(['verify', '--overlay', production], { cwd: work });

    expect(stdout).toContain(
      `note: netpol-intent skipped: no ${join('k8s', 'network-intent.yaml')} (pass --intent FILE)`,
    );
    expect(code).toBe(0);
  });

  it('when --intent names a file that does not exist, then it says so and exits 2', async () => {
    const { code, stderr } = await runCli(
      ['verify', '--overlay', production, '--intent', 'nope.yaml'],
      { cwd: work },
    );

    expect(stderr).toContain('nope.yaml: cannot read the file (ENOENT)');
    expect(code).toBe(2);
  });

  it('when --peers names a file without the edge stand-in, then the edge flow is not in the matrix', async () => {
    await writeFile(join(work, 'no-peers.yaml'), '');

    const { code, stdout } = await runCli(
      ['verify', '--overlay', production, '--peers', 'no-peers.yaml'],
      { cwd: work },
    );

    expect(stdout).toContain(
      'intended, not in the matrix: envoy-gateway-system/envoy-edge -> bulkhead-gateway/gateway 8443/TCP',
    );
    expect(code).toBe(1);
  });
});
