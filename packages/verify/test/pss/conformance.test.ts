import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  evaluate,
  policyVersions,
  type Level,
  type PodMetadata,
  type PodSpec,
} from '../../src/pss/index.ts';

// The upstream library's own fixtures (a copy CI keeps beside the repository): a pod under
// <level>/<version>/pass must be allowed at that level and version, one under fail denied, and
// a fail fixture named after a check (runasnonroot0.yaml) denied by that check — or, at
// restricted, by the restricted check that overrides it (the README's "Overrides X").
const fixtures = fileURLToPath(new URL('../../../../../shared/pss-fixtures', import.meta.url));
const present = existsSync(fixtures);
if (!present)
  console.warn(
    `PSS conformance skipped: ${fixtures} does not exist (CI keeps the upstream fixtures beside the repository; a clone has none)`,
  );

const overriddenBy: Record<string, string> = {
  hostpathvolumes: 'restrictedvolumes',
  capabilities_baseline: 'capabilities_restricted',
  procmount: 'procmount_restricted',
  seccompprofile_baseline: 'seccompprofile_restricted',
};

interface Fixture {
  file: string;
  /** For a fail fixture, the lowercased id of the check it was written for. */
  check?: string;
  expectAllowed: boolean;
  metadata: PodMetadata;
  spec: PodSpec;
}

function load(level: Level, version: string): Fixture[] {
  return (['pass', 'fail'] as const).flatMap((outcome) => {
    const folder = join(fixtures, level, version, outcome);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => {
        const pod = parse(readFileSync(join(folder, name), 'utf8')) as {
          metadata: PodMetadata;
          spec: PodSpec;
        };
        const file = join(level, version, outcome, name);
        const check = outcome === 'fail' ? name.replace(/\d+\.yaml$/, '') : undefined;
        return { file, check, expectAllowed: outcome === 'pass', ...pod };
      });
  });
}

describe.runIf(present)('evaluate() against the upstream pod-security-admission fixtures', () => {
  for (const level of ['baseline', 'restricted'] as const) {
    for (const version of policyVersions) {
      it(`when evaluated at ${level}:${version}, then every pass fixture is allowed and every fail fixture denied`, () => {
        const cases = load(level, version);

        const disagreements = cases.flatMap(({ file, check, expectAllowed, metadata, spec }) => {
          const { allowed, violations } = evaluate(metadata, spec, { level, version });
          const ids = violations.map((v) => v.check.toLowerCase());
          const byCheck =
            check !== undefined &&
            (ids.includes(check) ||
              (level === 'restricted' && ids.includes(overriddenBy[check] ?? check)));
          if (allowed === expectAllowed && (check === undefined || byCheck)) return [];
          const denials = violations.map((v) => `${v.check}: ${v.message}`).join('; ');
          const expected = expectAllowed ? 'allowed' : `denied by ${String(check)}`;
          return [`${file}: expected ${expected}, got ${allowed ? 'allowed' : denials}`];
        });

        expect(cases.length).toBeGreaterThan(0);
        expect(disagreements).toEqual([]);
      });
    }
  }
});
