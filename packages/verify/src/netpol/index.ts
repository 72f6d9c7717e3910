export { outsidePeers } from './endpoint.ts';
export type { DeclaredPort, Endpoint, Labels, Protocol } from './endpoint.ts';
export { diffIntent, parseIntent } from './intent.ts';
export type { Difference, IntendedFlow } from './intent.ts';
export { loadManifests } from './load-manifests.ts';
export { reachability } from './reachability.ts';
export type { Flow, ReachabilityOptions } from './reachability.ts';
export { formatDifferences, formatMatrix } from './format.ts';
