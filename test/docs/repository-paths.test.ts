import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { generateDevMaterial } from '@bulkhead/dev-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../k8s/render.ts';
import { markdownFiles, shellBlocks } from './markdown.ts';

// Folders a path in backticks starts from, read from the repository root.
const topLevel = /^(?:packages|services|k8s|test|scripts|bench|docs|\.github|\.ci)\//;
// Placeholders and globs (`k8s/base/<name>`, `services/*/src`) name no single file.
const pattern = /[<>*{}\s]/;
// What a build or a run writes (git-ignored), which a clean clone does not have yet.
const generated = /(?:^|\/)(?:dist|coverage|sbom|\.dev|data)(?:\/|$)/;

/** Every repository path a Markdown file names: relative link targets, and code spans like `k8s/README.md`. */
function namedPaths({ path, text }: { path: string; text: string }): string[] {
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => (match[1] ?? '').split('#')[0] ?? '')
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target))
    .map((target) => normalize(join(dirname(path), target)));
  // A span is read from the file's own folder when it is there (a package README's `test/…`),
  // else from the repository root.
  const spans = [...text.matchAll(/`([^`\n]+)`/g)]
    .map((match) => (match[1] ?? '').replace(/:[\d-]+$/, ''))
    .filter((span) => topLevel.test(span) && !pattern.test(span))
    .map((span) => {
      const beside = normalize(join(dirname(path), span));
      return existsSync(join(repoRoot, beside)) ? beside : normalize(span);
    });
  return [...new Set([...links, ...spans])].filter((named) => !generated.test(named));
}

// DESIGN.md was a design file the repository never held; the other is the folder CI keeps beside it.
const outsideTheClone = /DESIGN\.md|\.\.\/shared\b/;

const scripts = Object.keys(
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: object }).scripts,
);

/** `npm run` commands whose flags come before `--`, so npm takes them and the script never sees them. */
function flagsNpmKeeps(text: string): string[] {
  return [...text.matchAll(/npm run [a-z][\w:-]*[^`\n|&;<#]*/g)]
    .map((match) => match[0].trimEnd())
    .filter((run) => / -{1,2}[a-z]/.test(run.split(' -- ')[0] ?? ''));
}

describe('what the READMEs and docs name', () => {
  it('when the Markdown files are gathered, then the root README, docs/ and the package READMEs are among them', () => {
    const paths = markdownFiles.map(({ path }) => path);

    expect(paths).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'packages/platform/README.md']),
    );
  });

  it.each(markdownFiles.map((file) => [file.path, file] as const))(
    'when %s names a repository path, then it exists',
    (_path, file) => {
      const named = namedPaths(file);
      const missing = named.filter((path) => !existsSync(join(repoRoot, path)));

      expect(missing).toEqual([]);
    },
  );

  it.each(markdownFiles.map((file) => [file.path, file] as const))(
    'when %s is read, then it points at nothing a clone lacks (a design file, a folder beside the repository)',
    (_path, { text }) => {
      expect(text).not.toMatch(outsideTheClone);
    },
  );

  it('when a path is named that does not exist, or one outside the clone, then the checks find it (control)', () => {
    const file = {
      path: 'docs/x.md',
      text: 'see [it](../services/none.ts), `k8s/nowhere.yaml` and the built `services/notes/dist/main.js`',
    };

    expect(namedPaths(file).filter((path) => !existsSync(join(repoRoot, path)))).toEqual([
      'services/none.ts',
      'k8s/nowhere.yaml',
    ]);
    expect('as DESIGN.md says, see ../shared/schemas').toMatch(outsideTheClone);
  });

  it.each(markdownFiles.map((file) => [file.path, file] as const))(
    'when %s names `npm run <script>`, then the root package.json has that script',
    (_path, { text }) => {
      const named = [...text.matchAll(/npm run ([a-z][\w:-]*\w)/g)].map((match) => match[1] ?? '');

      expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
    },
  );

  it.each(markdownFiles.map((file) => [file.path, file] as const))(
    'when %s passes flags to an npm script, then they follow `--` (npm keeps the others for itself)',
    (_path, { text }) => {
      expect(flagsNpmKeeps(text)).toEqual([]);
    },
  );

  it('when a flag stands before `--`, then the check finds it (control)', () => {
    const text = 'run `npm run dev-pki --force`, or `npm run dev-pki -- --force`';

    expect(flagsNpmKeeps(text)).toEqual(['npm run dev-pki --force']);
  });
});

describe('shell blocks that read what dev-pki wrote', () => {
  let written: string[];
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulkhead-docs-'));
    await generateDevMaterial({ dir: join(work, '.dev') });
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? [path, ...walk(path)] : [path];
      });
    written = walk(join(work, '.dev')).map((path) => relative(work, path));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const reads = markdownFiles.flatMap(({ path, text }) =>
    shellBlocks(text).flatMap((block) =>
      [...block.matchAll(/\.dev\/[\w./-]*[\w]/g)].map((match) => ({ file: path, read: match[0] })),
    ),
  );

  it('when the blocks are searched, then some read .dev/ (the check has something to check)', () => {
    expect(reads.length).toBeGreaterThan(0);
  });

  it.each(reads.map(({ file, read }) => [file, read] as const))(
    'when %s reads %s, then dev-pki writes that name',
    (_file, read) => {
      expect(written).toContain(read);
    },
  );
});
