import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { TLSSocket } from 'node:tls';

const CLIENT_CLAIMS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'];

/**
 * forwardedHeaders returns the `X-Forwarded-*` and `Forwarded` headers the gateway sends upstream.
 *
 * What a client says about itself is dropped unless `trusted` (the peer is a proxy we run); then
 * the chain is kept and this hop appended. Either way the peer address is the gateway's own
 * observation, never the client's claim.
 *
 * @example forwardedHeaders(req, false) // { 'x-forwarded-for': '203.0.113.7', ... }
 */
export function forwardedHeaders(req: IncomingMessage, trusted: boolean): Record<string, string> {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const proto = req.socket instanceof TLSSocket ? 'https' : 'http';
  const host = header(trusted ? req.headers['x-forwarded-host'] : undefined) ?? req.headers.host;
  const claimed = trusted ? req.headers : {};
  const hop = [`for=${forwardedNode(peer)}`, `proto=${proto}`];
  if (req.headers.host !== undefined) hop.push(`host=${quote(req.headers.host)}`);
  return {
    'x-forwarded-for': append(claimed['x-forwarded-for'], peer),
    'x-forwarded-proto': header(claimed['x-forwarded-proto']) ?? proto,
    ...(host === undefined ? {} : { 'x-forwarded-host': host }),
    forwarded: append(claimed.forwarded, hop.join(';')),
  };
}

// Headers proxies and frameworks take as set by a trusted hop: the client's address, its
// certificate, the original URL. A client's own are dropped, whatever TRUST_PROXY says.
const TRUSTED_HOP_CLAIMS = [
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'x-cluster-client-ip',
  'x-forwarded-client-cert',
  'x-client-cert',
  'ssl-client-cert',
  'x-original-url',
  'x-rewrite-url',
  'x-original-uri',
  'x-forwarded-server',
  'x-forwarded-port',
  'x-forwarded-prefix',
];

/** Names of the headers a client could use to claim an address, host, scheme or identity. */
export const forwardedHeaderNames: readonly string[] = [...CLIENT_CLAIMS, ...TRUSTED_HOP_CLAIMS];

function append(previous: string | string[] | undefined, value: string): string {
  const chain = header(previous);
  return chain === undefined ? value : `${chain}, ${value}`;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** RFC 7239 §6: IPv6 addresses are bracketed, and then the value must be quoted. */
function forwardedNode(address: string): string {
  return isIPv6(address) ? `"[${address}]"` : address;
}

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
