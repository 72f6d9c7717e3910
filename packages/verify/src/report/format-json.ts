import type { OverlayReport } from './format-text.ts';

/**
 * One JSON object per line and finding, like `bulkhead pss` and `bulkhead netpol`:
 * `{"overlay","rule","severity","object":{"kind","namespace","name"},"path","message","fix"}`.
 */
export function formatJson(reports: readonly OverlayReport[]): string {
  return reports
    .flatMap(({ overlay, findings }) =>
      findings.map((finding) => JSON.stringify({ overlay, ...finding })),
    )
    .join('\n');
}
