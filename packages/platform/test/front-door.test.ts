import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const entryPoints = {
  '@bulkhead/platform': 'src/index.ts',
  '@bulkhead/platform/middleware': 'src/middleware/index.ts',
  '@bulkhead/platform/tls': 'src/tls/index.ts',
  '@bulkhead/platform/logging': 'src/logger/index.ts',
  '@bulkhead/platform/jwt': 'src/jwt/index.ts',
} as const;

const files = Object.values(entryPoints).map((file) => fileURLToPath(new URL(file, root)));
const program = ts.createProgram(files, {
  allowImportingTsExtensions: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
});
const checker = program.getTypeChecker();

/** Every name an entry point exports, values and types, as the compiler sees them. */
function exportsOf(file: string): { all: string[]; values: string[] } {
  const source = program.getSourceFile(fileURLToPath(new URL(file, root)));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${file} is not a module`);
  const symbols = checker.getExportsOfModule(moduleSymbol);
  const isValue = (symbol: ts.Symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return (target.flags & ts.SymbolFlags.Value) !== 0;
  };
  return {
    all: symbols.map((symbol) => symbol.name).sort(),
    values: symbols
      .filter(isValue)
      .map((symbol) => symbol.name)
      .sort(),
  };
}

/** The leading identifier of every `code span` in `cell`: `createApp(options)` → createApp. */
function namesIn(cell: string): string[] {
  return [...cell.matchAll(/`([A-Za-z_$][\w$]*)/g)].map((match) => match[1] ?? '');
}

/** The rows of the first README table after `heading`, header and rule left out, as cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading);
  expect(start, `README has "${heading}"`).toBeGreaterThan(-1);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  return lines
    .slice(first + 2, end)
    .map((row) => row.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '')));
}

describe('the platform README and its entry points', () => {
  it('when the main table is read, then it names exactly what @bulkhead/platform exports', () => {
    const documented = tableAfter('## What a service imports').flatMap(([names = '']) =>
      namesIn(names),
    );

    expect([...new Set(documented)].sort()).toEqual(
      exportsOf(entryPoints['@bulkhead/platform']).all,
    );
  });

  it.each(Object.entries(entryPoints).filter(([name]) => name !== '@bulkhead/platform'))(
    'when the subpath table lists %s, then each name it gives is exported there and every function or value there is listed',
    (entry, file) => {
      const row = tableAfter('## For what the defaults do not build').find(
        ([name]) => name === `\`${entry}\``,
      );
      const listed = namesIn(row?.[1] ?? '');
      const { all, values } = exportsOf(file);

      expect(listed.length).toBeGreaterThan(0);
      expect(listed.filter((name) => !all.includes(name))).toEqual([]);
      expect(values.filter((name) => !listed.includes(name))).toEqual([]);
    },
  );

  it('when package.json is read, then every entry point in the README is one of its exports', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      exports: Record<string, { 'bulkhead-source': string }>;
    };
    const declared = Object.fromEntries(
      Object.entries(manifest.exports).map(([path, conditions]) => [
        path.replace(/^\./, '@bulkhead/platform'),
        conditions['bulkhead-source'].replace(/^\.\//, ''),
      ]),
    );

    expect(declared).toEqual(entryPoints);
  });
});
