import { isIP } from 'node:net';
import { z } from 'zod';

/** What Express's `trust proxy` setting gets: off, a hop count, or addresses/CIDRs to trust. */
export type TrustProxy = false | number | string[];

const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: `off` (default), a hop count like `1`, or a comma list like `10.0.0.0/8,::1`. */
export const trustProxySchema = z
  .string()
  .default('off')
  .transform((value, context): TrustProxy => {
    if (value === 'off') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrCidr)) return entries;
    context.addIssue({
      code: 'custom',
      message: 'expected "off", a hop count, or a comma-separated list of IP addresses or CIDRs',
    });
    return z.NEVER;
  });
