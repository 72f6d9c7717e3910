import type { IncomingHttpHeaders } from 'node:http';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus `Expect`. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // Node answers `100-continue` itself; the next hop must not wait for a second one.
  'expect',
]);

/** Header values as Node and undici both hand them out. */
export type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

/**
 * stripHopByHop copies `headers` without the hop-by-hop ones, including every header the
 * `Connection` header names, so that neither side can smuggle connection state through the proxy.
 *
 * @example stripHopByHop({ connection: 'x-a', 'x-a': '1', accept: '*' }) // { accept: '*' }
 */
export function stripHopByHop(headers: Headers): Record<string, string | string[]> {
  const connection = [headers.connection ?? []].flat().join(',');
  const named = connection
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || named.includes(lower)) continue;
    result[lower] = value;
  }
  return result;
}
