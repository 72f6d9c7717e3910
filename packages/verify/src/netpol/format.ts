import type { Difference } from './intent.ts';
import type { Flow } from './reachability.ts';

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths?.[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The allowed flows as a FROM / TO / PORT table, then how many of the matrix's flows that is. */
export function formatMatrix(flows: readonly Flow[]): string {
  const allowed = flows.filter((flow) => flow.allowed);
  const rows = allowed.map(({ from, to, port, protocol }) => [from, to, `${port}/${protocol}`]);
  const summary = `${allowed.length} of ${flows.length} flows allowed`;
  return allowed.length === 0
    ? summary
    : `${table([['FROM', 'TO', 'PORT'], ...rows])}\n\n${summary}`;
}

const problems: Record<Difference['problem'], string> = {
  unintended: 'allowed, not intended',
  denied: 'intended, denied',
  unknown: 'intended, not in the matrix',
};

/** The differences as a PROBLEM / FROM / TO / PORT table, or a line saying there are none. */
export function formatDifferences(differences: readonly Difference[]): string {
  if (differences.length === 0) return 'The flows match the intent.';
  const rows = differences.map(({ problem, from, to, port, protocol }) => [
    problems[problem],
    from,
    to,
    `${port}/${protocol}`,
  ]);
  return `${table([['PROBLEM', 'FROM', 'TO', 'PORT'], ...rows])}\n\n${differences.length} difference${differences.length === 1 ? '' : 's'}`;
}
