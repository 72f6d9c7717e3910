import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './render.ts';

interface CustomManager {
  managerFilePatterns: string[];
  matchStrings: string[];
  datasourceTemplate?: string;
}

const renovate = JSON.parse(readFileSync(join(repoRoot, 'renovate.json'), 'utf8')) as {
  customManagers: CustomManager[];
};

function files(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}
const tracked = [...files('scripts'), ...files('.github'), ...files('k8s/cluster')];

/** What renovate's regex managers extract, as `file: depName currentValue`. */
function extracted(): string[] {
  return renovate.customManagers.flatMap((manager) => {
    // renovate.json's own patterns, from this repository, run as renovate runs them.
    // eslint-disable-next-line security/detect-non-literal-regexp
    const patterns = manager.managerFilePatterns.map((p) => new RegExp(p.slice(1, -1)));
    return tracked
      .filter((file) => patterns.some((pattern) => pattern.test(file)))
      .flatMap((file) => {
        const text = readFileSync(join(repoRoot, file), 'utf8');
        return manager.matchStrings.flatMap((source) =>
          // eslint-disable-next-line security/detect-non-literal-regexp
          [...text.matchAll(new RegExp(source, 'g'))].map(
            ({ groups = {} }) => `${file}: ${groups.depName} ${groups.currentValue}`,
          ),
        );
      });
  });
}

/** Every pin a person would expect renovate to keep current. */
function pins(): string[] {
  return tracked.flatMap((file) =>
    readFileSync(join(repoRoot, file), 'utf8')
      .split('\n')
      .flatMap((line) => {
        const pin = /^\s*(?:[a-z_]+_version=|[A-Z_]+_VERSION: )(\S+)$/.exec(line);
        const node = /image: kindest\/node:(v[\d.]+)@/.exec(line);
        const script = /^const \w+Version = '([^']+)';$/.exec(line);
        return [pin?.[1], node?.[1], script?.[1]].filter((value) => value !== undefined);
      })
      .map((value) => `${file} ${value}`),
  );
}

describe('renovate.json custom managers', () => {
  it('when renovate reads the scripts, workflows and kind config, then it finds each pinned version', () => {
    expect(extracted().sort()).toEqual(
      [
        '.github/workflows/e2e-kind.yml: GoogleContainerTools/skaffold v2.24.0',
        '.github/workflows/e2e-kind.yml: kubernetes-sigs/kind v0.33.0',
        'k8s/cluster/kind-cluster.yaml: kindest/node v1.36.4',
        'scripts/sbom.ts: @cyclonedx/cyclonedx-npm 6.0.1',
        'scripts/kind-up.sh: cert-manager/cert-manager v1.21.1',
        'scripts/kind-up.sh: cert-manager/trust-manager v0.24.0',
        'scripts/kind-up.sh: envoyproxy/gateway v1.9.0',
      ].sort(),
    );
  });

  it('when a file pins a version, then a custom manager reads that pin', () => {
    const read = extracted().map((entry) => entry.replace(/: \S+ /, ' '));

    expect(pins().length).toBeGreaterThan(0);
    expect(pins().filter((pin) => !read.includes(pin))).toEqual([]);
  });
});
