/** A kubernetes-models class: its static type meta and a `validate()` that throws on bad data. */
export interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(): void };
}

/** Every schema we know, keyed by `apiVersion/kind` (`apps/v1/Deployment`). */
export type SchemaCatalog = ReadonlyMap<string, ModelClass>;

// Kubernetes itself, then the CRDs the kit deploys: cert-manager, Gateway API, external-secrets.
const importPackages = () =>
  Promise.all([
    import('kubernetes-models'),
    import('@kubernetes-models/cert-manager'),
    import('@kubernetes-models/gateway-api'),
    import('@kubernetes-models/external-secrets'),
  ] as Promise<unknown>[]);

let loading: Promise<SchemaCatalog> | undefined;

/**
 * Loads every model class the packages export, found by walking their module namespaces, so a new
 * kind in a package upgrade needs no change here. Loaded once: it imports about 2,000 modules.
 * @example (await loadSchemaCatalog()).get('apps/v1/Deployment')
 */
export function loadSchemaCatalog(): Promise<SchemaCatalog> {
  loading ??= importPackages().then((modules) => {
    const catalog = new Map<string, ModelClass>();
    const seen = new Set<unknown>();
    for (const module of modules) collect(module, catalog, seen);
    return catalog;
  });
  return loading;
}

/** The catalog key of an object or a class. */
export function schemaKey({ apiVersion, kind }: { apiVersion: string; kind: string }): string {
  return `${apiVersion}/${kind}`;
}

function collect(namespace: unknown, catalog: Map<string, ModelClass>, seen: Set<unknown>): void {
  if (namespace === null || typeof namespace !== 'object' || seen.has(namespace)) return;
  seen.add(namespace);
  for (const value of Object.values(namespace)) {
    if (isModelClass(value)) catalog.set(schemaKey(value), value);
    else collect(value, catalog, seen);
  }
}

function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') return false;
  const meta = value as unknown as Partial<Record<'apiVersion' | 'kind', unknown>>;
  return typeof meta.apiVersion === 'string' && typeof meta.kind === 'string';
}
