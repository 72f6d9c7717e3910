/** A field path segment: a property name or an array index. */
export type Segment = string | number;

/**
 * Joins segments the way kubectl and kube-linter print them.
 * @example fieldPath(['spec', 'containers', 0, 'image']) // 'spec.containers[0].image'
 */
export function fieldPath(segments: readonly Segment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const plain = /^[A-Za-z_$][\w$]*$/.test(segment);
      if (!plain) return `[${JSON.stringify(segment)}]`;
      return index === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** Turns a JSON pointer from a validator (`/spec/containers/0`) into segments. */
export function pointerSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
