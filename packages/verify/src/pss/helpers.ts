import type { Container, PodSpec } from './types.ts';

/** `"a", "b"` — how upstream quotes a list of names in a detail. */
export function joinQuote(items: readonly string[]): string {
  return items.map((item) => JSON.stringify(item)).join(', ');
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containerNames(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted unique values, as Go's `sets.List()` returns them. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * The objects of a list field. Manifests are untrusted: a missing list, a scalar where a list
 * belongs or a null item must not crash a check (the API server would have rejected them).
 */
export function itemsOf<T extends object>(list: readonly T[] | undefined): T[] {
  const items: unknown = list;
  return Array.isArray(items)
    ? items.filter((item): item is T => typeof item === 'object' && item !== null)
    : [];
}

/** Every init, regular and ephemeral container, in upstream's visiting order. */
export function containersOf(spec: PodSpec): Container[] {
  return [
    ...itemsOf(spec.initContainers),
    ...itemsOf(spec.containers),
    ...(itemsOf(spec.ephemeralContainers) as Container[]),
  ];
}

/** Pods in a user namespace (`hostUsers: false`) get relaxed checks from v1.35 (KEP-127). */
export function inUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}

/** Pods declaring `os.name: windows` are exempt from Linux-only restricted checks from v1.25. */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}
