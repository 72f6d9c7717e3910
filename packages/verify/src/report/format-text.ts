import type { Finding } from '../rules/rule.ts';

/** The findings of one rendered overlay. */
export interface OverlayReport {
  overlay: string;
  findings: Finding[];
}

/**
 * Prints findings grouped per overlay, then any notes (a rule that did not run, and why), then
 * one summary line.
 * @example console.log(formatText([{ overlay: 'k8s/overlays/kind', findings }]))
 */
export function formatText(
  reports: readonly OverlayReport[],
  notes: readonly string[] = [],
): string {
  const lines = reports.flatMap(({ overlay, findings }) => [
    overlay,
    ...(findings.length === 0 ? ['  ok: every rule holds'] : findings.map(formatFinding)),
    '',
  ]);
  lines.push(...notes.map((note) => `note: ${note}`), summaryLine(reports));
  return lines.join('\n');
}

function formatFinding({ rule, severity, object, path, message, fix }: Finding): string {
  const where = object.namespace === '' ? object.name : `${object.namespace}/${object.name}`;
  return [
    `  ${severity.padEnd(7)} ${rule}  ${object.kind} ${where}`,
    `          ${path === '' ? '(whole object)' : path}: ${message}`,
    `          fix: ${fix}`,
  ].join('\n');
}

/** The totals, e.g. `2 overlays checked: 3 errors, 1 warning`. */
export function summaryLine(reports: readonly OverlayReport[]): string {
  const all = reports.flatMap(({ findings }) => findings);
  const errors = all.filter(({ severity }) => severity === 'error').length;
  const warnings = all.length - errors;
  return `${plural(reports.length, 'overlay')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
