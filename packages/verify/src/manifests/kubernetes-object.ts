/** The fields every Kubernetes object has; the rest is left to the checks that read it. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** An object that names its apiVersion and kind, as every object kubectl renders does. */
export interface TypedObject extends KubernetesObject {
  apiVersion: string;
  kind: string;
}

/** Whether an object names its apiVersion and kind. */
export function isTyped(object: KubernetesObject): object is TypedObject {
  return typeof object.apiVersion === 'string' && typeof object.kind === 'string';
}

/**
 * The namespace an object lands in when applied: its own, or `default` when it has none, as with
 * kubectl.
 * @example namespaceOf({ kind: 'Pod', metadata: { name: 'web' } }) // 'default'
 */
export function namespaceOf(object: { metadata?: { namespace?: string } }): string {
  return object.metadata?.namespace ?? 'default';
}
