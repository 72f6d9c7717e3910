/** Keys whose values never reach a log line: credentials by name, wherever they sit. */
const secretKey = /authorization|cookie|api[-_]?key|passw|secret|token|credential/i;

const CENSOR = '[Redacted]';
const MAX_DEPTH = 8;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Returns a copy of `value` with every field named like a secret censored, at any depth. pino's
 * own `redact` needs exact paths; this also catches `accessToken` three levels down. Only plain
 * objects and arrays are walked: class instances (errors, requests) keep their serializers.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactSecrets(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = secretKey.test(key) ? CENSOR : redactSecrets(item, depth + 1);
  }
  return copy;
}
