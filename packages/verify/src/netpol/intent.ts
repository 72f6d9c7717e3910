import { parse } from 'yaml';

import type { Protocol } from './endpoint.ts';
import type { Flow } from './reachability.ts';

/** A flow the manifests are meant to allow; every flow not declared is meant to be denied. */
export interface IntendedFlow {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

/**
 * A flow where the matrix and the intent disagree:
 * `unintended` — allowed but not declared; `denied` — declared but denied;
 * `unknown` — declared but not in the matrix (no such workload, peer or declared port).
 */
export interface Difference extends IntendedFlow {
  problem: 'unintended' | 'denied' | 'unknown';
}

const protocols: readonly string[] = ['TCP', 'UDP', 'SCTP'];
const fields = new Set(['from', 'to', 'port', 'protocol']);

function keyOf({ from, to, port, protocol }: IntendedFlow): string {
  return `${from} ${to} ${port} ${protocol}`;
}

function intendedFlowOf(entry: unknown, index: number): IntendedFlow {
  const where = `intent entry ${index + 1}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new Error(`${where}: expected a mapping {from, to, port, protocol}`);
  }
  const unknownKeys = Object.keys(entry).filter((key) => !fields.has(key));
  if (unknownKeys.length > 0)
    throw new Error(`${where}: unknown field "${unknownKeys.join('", "')}"`);
  const { from, to, port, protocol = 'TCP' } = entry as Record<string, unknown>;
  if (typeof from !== 'string' || from === '') throw new Error(`${where}: "from" must be a name`);
  if (typeof to !== 'string' || to === '') throw new Error(`${where}: "to" must be a name`);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${where}: "port" must be a port number from 1 to 65535`);
  }
  if (typeof protocol !== 'string' || !protocols.includes(protocol)) {
    throw new Error(`${where}: "protocol" must be TCP, UDP or SCTP`);
  }
  return { from, to, port, protocol: protocol as Protocol };
}

/**
 * Parses an intent file: a YAML list of `{from, to, port, protocol}` (protocol defaults to TCP).
 * Throws an Error naming the entry and field when the text is not such a list.
 * @example parseIntent('- {from: a/web, to: b/api, port: 8443}')
 */
export function parseIntent(text: string): IntendedFlow[] {
  const document: unknown = parse(text);
  if (document === null || document === undefined) return [];
  if (!Array.isArray(document)) throw new Error('intent: expected a YAML list of flows');
  return document.map(intendedFlowOf);
}

/**
 * The flows where `flows` (a reachability matrix) and `intent` disagree, in matrix order,
 * then the intended flows the matrix does not contain.
 * @example diffIntent(reachability(objects), parseIntent(text)).length === 0 // manifests keep the intent
 */
export function diffIntent(flows: readonly Flow[], intent: readonly IntendedFlow[]): Difference[] {
  const intended = new Set(intent.map(keyOf));
  const inMatrix = new Set(flows.map(keyOf));
  const differences: Difference[] = [];
  for (const { from, to, port, protocol, allowed } of flows) {
    const wanted = intended.has(keyOf({ from, to, port, protocol }));
    if (allowed !== wanted) {
      differences.push({ from, to, port, protocol, problem: allowed ? 'unintended' : 'denied' });
    }
  }
  const unknown = new Map(intent.map((flow) => [keyOf(flow), flow]));
  for (const [key, flow] of unknown) {
    if (!inMatrix.has(key)) differences.push({ ...flow, problem: 'unknown' });
  }
  return differences;
}
