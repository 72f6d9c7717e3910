import { parseAllDocuments } from 'yaml';

import type { Endpoint, Flow, Protocol } from '../../src/netpol/index.ts';

/** The objects of a YAML text of several documents, as the CLI would load them. */
export function manifests(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => document.toJS() as unknown);
}

/** A Pod in `namespace` with `labels` and containerPorts written `8443`, `https:8443` or `53/UDP`. */
export function pod(
  namespacedName: string,
  labels: Record<string, string> = {},
  ports: string[] = [],
): object {
  const [namespace, name] = namespacedName.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          ports: ports.map((text) => {
            const [nameAndPort = '', protocol] = text.split('/');
            const [port, portName] = nameAndPort.split(':').reverse();
            return { containerPort: Number(port), name: portName, protocol };
          }),
        },
      ],
    },
  };
}

/** A Namespace object with labels. */
export function namespace(name: string, labels: Record<string, string> = {}): object {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** An outside peer at `ips`, listening on TCP `ports`. */
export function peer(name: string, ips: string[], ports: number[] = [443]): Endpoint {
  return { name, ips, ports: ports.map((port) => ({ port, protocol: 'TCP' })) };
}

/** Whether the matrix allows `from` → `to` on `port`; throws when the matrix has no such flow. */
export function allowed(
  flows: readonly Flow[],
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  const flow = flows.find(
    (candidate) =>
      candidate.from === from &&
      candidate.to === to &&
      candidate.port === port &&
      candidate.protocol === protocol,
  );
  if (flow === undefined) throw new Error(`no flow ${from} -> ${to} ${port}/${protocol}`);
  return flow.allowed;
}
