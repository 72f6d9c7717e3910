import type { Segment } from '../rules/field-path.ts';

/**
 * The kubernetes-models validators are compiled from the Kubernetes OpenAPI schemas and, like the
 * API server, ignore fields they do not know. kubectl rejects them (`unknown field "foo"`), and so
 * do we: the validator runs over a traced view of the object that records which properties it
 * reads. An object whose properties the validator read is a typed object, and any property it never
 * read is unknown. Objects it never looked into (free-form fields such as
 * `x-kubernetes-preserve-unknown-fields`) and maps it enumerated (labels, data) are left alone.
 *
 * @example findUnknownFields(object, (traced) => Deployment.prototype.validate.call(traced))
 */
export function findUnknownFields(data: unknown, validate: (traced: unknown) => void): Segment[][] {
  const read = new Map<object, Set<string>>();
  const enumerated = new Set<object>();
  const proxies = new WeakMap<object, object>();

  function trace(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const existing = proxies.get(value);
    if (existing !== undefined) return existing;
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') {
          const keys = read.get(target) ?? new Set<string>();
          keys.add(key);
          read.set(target, keys);
        }
        return trace(Reflect.get(target, key, receiver));
      },
      ownKeys(target) {
        enumerated.add(target);
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  }

  try {
    validate(trace(data));
  } catch {
    // Type errors are the validator's own report; here we only collect what it did not read.
  }

  const unknown: Segment[][] = [];
  function walk(value: unknown, path: Segment[]): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
      return;
    }
    const keys = read.get(value);
    const checksKeys = keys !== undefined && !enumerated.has(value);
    for (const [key, child] of Object.entries(value)) {
      if (checksKeys && !keys.has(key)) unknown.push([...path, key]);
      else if (keys !== undefined || enumerated.has(value)) walk(child, [...path, key]);
    }
  }
  walk(data, []);
  return unknown;
}
