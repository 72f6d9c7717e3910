import type { LoadResult } from './load.ts';

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One measured run of a case: the load result plus what the server process spent. */
export interface Sample extends LoadResult {
  cpuSeconds: number;
  peakRssMiB: number;
}

/** A case's figures over its rounds: medians, except peak RSS (the highest). */
export interface Summary {
  target: string;
  route: string;
  rps: number;
  p50: number;
  p99: number;
  peakRssMiB: number;
  cpuPer10k: number;
  failures: number;
}

/** Medians over the rounds of one case. */
export function summarise(target: string, route: string, samples: Sample[]): Summary {
  return {
    target,
    route,
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    peakRssMiB: Math.max(...samples.map((s) => s.peakRssMiB)),
    cpuPer10k: median(samples.map((s) => (s.cpuSeconds / Math.max(s.requests, 1)) * 10_000)),
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
  };
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '-';
const ratio = (value: number, base: number | undefined) =>
  base === undefined ? '-' : fixed(value / base, 2);

/** What rows are compared on: the method and the transport (`GET TLS`), not the path. */
function shapeOf(route: string): string {
  return `${route.split(' ')[0] ?? ''}${route.endsWith(' TLS') ? ' TLS' : ''}`;
}

/**
 * A markdown table of the summaries, with ratios to (1) node:http and (2) Express, and for (5) to
 * (4) notes, on the same shape of route (method and transport).
 */
export function resultsTable(rows: Summary[]): string {
  const find = (prefix: string, route: string) =>
    rows.find((row) => row.target.startsWith(prefix) && shapeOf(row.route) === shapeOf(route));
  const lines = [
    '| target | route | req/s | p50 ms | p99 ms | peak RSS MiB | CPU s/10k req | req/s ÷ (1) | req/s ÷ (2) | p99 ÷ (2) | RSS ÷ (2) | req/s ÷ (4) | non-2xx/errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const one = find('(1)', row.route);
    const two = find('(2)', row.route);
    const four = row.target.startsWith('(5)') ? find('(4)', row.route) : undefined;
    lines.push(
      `| ${row.target} | ${row.route} | ${fixed(row.rps, 0)} | ${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ${fixed(row.peakRssMiB, 1)} | ${fixed(row.cpuPer10k, 2)} | ${ratio(row.rps, one?.rps)} | ${ratio(row.rps, two?.rps)} | ${ratio(row.p99, two?.p99)} | ${ratio(row.peakRssMiB, two?.peakRssMiB)} | ${ratio(row.rps, four?.rps)} | ${String(row.failures)} |`,
    );
  }
  return lines.join('\n');
}
