/** The newest policy version the checks know: `latest` means v1.37. */
export const newestVersion = 37;

/** Every policy version, `v1.0` … `v1.37`. */
export const policyVersions: readonly string[] = Array.from(
  { length: newestVersion + 1 },
  (_, minor) => `v1.${minor}`,
);

/**
 * Parses `latest` or `v1.N` into the minor N. Like upstream, a version newer than the newest
 * check revision evaluates as the newest. Throws a RangeError for anything else.
 * @example parseVersion('v1.25') // 25
 */
export function parseVersion(version: string): number {
  if (version === 'latest') return newestVersion;
  const match = /^v1\.(0|[1-9]\d{0,3})$/.exec(version);
  if (match?.[1] === undefined) {
    throw new RangeError(`invalid policy version "${version}": expected latest or v1.N`);
  }
  return Math.min(Number(match[1]), newestVersion);
}
