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

/** Every init, regular and ephemeral container, in upstream's visiting order. */
export function containersOf(spec: PodSpec): Container[] {
  const lists: unknown[] = [spec.initContainers, spec.containers, spec.ephemeralContainers];
  return lists.flatMap((list) => (Array.isArray(list) ? (list as Container[]) : []));
}

/** Pods in a user namespace (`hostUsers: false`) get relaxed checks from v1.35 (KEP-127). */
export function inUserNamespace(spec: PodSpec): boolean {
  return spec.hostUsers === false;
}

/** Pods declaring `os.name: windows` are exempt from Linux-only restricted checks from v1.25. */
export function isWindowsPod(spec: PodSpec): boolean {
  return spec.os?.name === 'windows';
}
