import type { IHTTPGetAction } from 'kubernetes-models/v1/HTTPGetAction';
import type { ITCPSocketAction } from 'kubernetes-models/v1/TCPSocketAction';
import { containersOf, joinQuote, pluralize, sortedSet } from '../helpers.ts';
import { allowed, type Check, type CheckPod } from '../types.ts';

interface Handler {
  httpGet?: IHTTPGetAction;
  tcpSocket?: ITCPSocketAction;
}

function hostsOf(handler: Handler | undefined): string[] {
  return [handler?.httpGet?.host, handler?.tcpSocket?.host].filter(
    (host): host is string => typeof host === 'string' && host !== '',
  );
}

/** Probes and lifecycle handlers must not set `httpGet.host` or `tcpSocket.host` (since v1.34). */
const hostProbesAndHostLifecycleV1Dot34: CheckPod = (_metadata, spec) => {
  const badContainers = new Set<string>();
  const hosts: string[] = [];
  for (const container of containersOf(spec)) {
    const found = [
      container.livenessProbe,
      container.readinessProbe,
      container.startupProbe,
      container.lifecycle?.postStart,
      container.lifecycle?.preStop,
    ].flatMap(hostsOf);
    if (found.length > 0) {
      badContainers.add(container.name);
      hosts.push(...found);
    }
  }
  if (badContainers.size === 0) return allowed;
  const names = sortedSet(badContainers);
  const forbidden = sortedSet(hosts);
  return {
    allowed: false,
    reason: 'probe or lifecycle host',
    detail: [
      pluralize('container', 'containers', names.length),
      joinQuote(names),
      pluralize('uses', 'use', names.length),
      pluralize('probe or lifecycle host', 'probe or lifecycle hosts', forbidden.length),
      joinQuote(forbidden),
    ].join(' '),
  };
};

export const hostProbesAndHostLifecycle: Check = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minimumVersion: 34, checkPod: hostProbesAndHostLifecycleV1Dot34 }],
};
