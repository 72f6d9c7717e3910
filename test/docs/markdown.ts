import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../k8s/render.ts';

/** One Markdown file of the repository: its path from the root and its text. */
export interface MarkdownFile {
  path: string;
  text: string;
}

function findMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findMarkdown(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Every README and doc a clone has (dot folders, such as the git-ignored `.dev/`, left out). */
export const markdownFiles: readonly MarkdownFile[] = findMarkdown(repoRoot).map((file) => ({
  path: relative(repoRoot, file),
  text: readFileSync(file, 'utf8'),
}));

/** The shell blocks (```sh, ```bash, ```shell) of a Markdown text. */
export function shellBlocks(text: string): string[] {
  return [...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}
