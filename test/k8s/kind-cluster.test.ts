import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { render, repoRoot } from './render.ts';

interface KindCluster {
  nodes: {
    image: string;
    extraMounts?: { hostPath: string; containerPath: string }[];
    kubeadmConfigPatches?: string[];
  }[];
}

interface AuditRule {
  level: string;
  resources?: { group?: string; resources?: string[] }[];
  nonResourceURLs?: string[];
}

const cluster = join(repoRoot, 'k8s/cluster');
const config = parse(readFileSync(join(cluster, 'kind-cluster.yaml'), 'utf8')) as KindCluster;
const [node] = config.nodes;
const patches = (node?.kubeadmConfigPatches ?? []).map((patch) => parse(patch) as object);

// The first rule that matches a request for a core resource decides its level, as in the API server.
function levelFor(rules: readonly AuditRule[], resource: string): string | undefined {
  return rules.find(
    (rule) =>
      rule.nonResourceURLs === undefined &&
      (rule.resources === undefined ||
        rule.resources.some(
          (r) => (r.group ?? '') === '' && (r.resources ?? [resource]).includes(resource),
        )),
  )?.level;
}

describe('k8s/cluster/kind-cluster.yaml', () => {
  it('when kind pulls the node image, then it is pinned by digest', () => {
    expect(node?.image).toMatch(/^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });

  it('when kubeadm reads the patches, then none names an apiVersion (kind >= 0.32 ignores v1beta3)', () => {
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) expect(patch).not.toHaveProperty('apiVersion');
  });

  it('when kind mounts the extra files, then each exists beside the config', () => {
    const mounts = node?.extraMounts ?? [];

    expect(mounts.length).toBeGreaterThan(0);
    for (const { hostPath } of mounts)
      expect(existsSync(join(cluster, hostPath)), hostPath).toBe(true);
  });

  it('when the API server starts, then its audit and admission files are ones kind mounts', () => {
    const mounted = (node?.extraMounts ?? []).map((mount) => mount.containerPath);
    const args = patches.flatMap(
      (patch) =>
        (patch as { apiServer?: { extraArgs?: { name: string; value: string }[] } }).apiServer
          ?.extraArgs ?? [],
    );

    for (const flag of ['audit-policy-file', 'admission-control-config-file']) {
      expect(mounted, flag).toContain(args.find((arg) => arg.name === flag)?.value);
    }
  });

  it("when the app namespaces pin a Pod Security version, then it is the node image's minor", async () => {
    const minor = /:(v1\.\d+)\./.exec(node?.image ?? '')?.[1];
    const namespaces = (await render('k8s/base/namespaces')).filter(
      (object) => object.kind === 'Namespace',
    );

    for (const { metadata } of namespaces) {
      expect(metadata.labels?.['pod-security.kubernetes.io/enforce-version']).toBe(minor);
    }
  });
});

describe('k8s/cluster/audit-policy.yaml', () => {
  const policy = parse(readFileSync(join(cluster, 'audit-policy.yaml'), 'utf8')) as {
    kind: string;
    rules: AuditRule[];
  };

  it('when a health check arrives, then the first rule drops it', () => {
    const [first] = policy.rules;

    expect(policy.kind).toBe('Policy');
    expect(first?.level).toBe('None');
    expect(first?.nonResourceURLs).toEqual(
      expect.arrayContaining(['/healthz*', '/livez*', '/readyz*']),
    );
  });

  it.each(['secrets', 'configmaps'])(
    'when %s are read or written, then only metadata is logged, never the contents',
    (resource) => {
      expect(levelFor(policy.rules, resource)).toBe('Metadata');
    },
  );

  it('when someone execs into a pod, then the request is logged', () => {
    expect(levelFor(policy.rules, 'pods/exec')).toBe('Request');
  });
});
