import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { repoRoot } from './render.ts';

interface Workflow {
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps?: { uses?: string }[] }>;
}

const workflows = ['.github/workflows/ci.yml', '.github/workflows/e2e-kind.yml'];

function load(file: string): Workflow {
  return parse(readFileSync(join(repoRoot, file), 'utf8')) as Workflow;
}

describe.each(workflows)('%s', (file) => {
  it('when it uses an action, then the action is pinned to a full commit SHA', () => {
    const uses = Object.values(load(file).jobs).flatMap((job) =>
      (job.steps ?? []).flatMap((step) => (step.uses === undefined ? [] : [step.uses])),
    );

    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it('when it runs, then its token can only read the repository contents', () => {
    const workflow = load(file);

    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });
});
