import { beforeAll, describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

import { render, type K8sObject } from './render.ts';

interface Deployment extends K8sObject {
  spec: { template: { spec: IPodSpec } };
}

// Kubernetes quantities as the bases write them: 256Mi, 1Gi.
function mebibytes(quantity: string | number | undefined): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(String(quantity));
  if (match === null) throw new Error(`unexpected memory quantity ${String(quantity)}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

function envOf(container: IContainer, name: string): string | undefined {
  return container.env?.find((variable) => variable.name === name)?.value;
}

let deployments: Deployment[];
beforeAll(async () => {
  const objects = await render('k8s/base');
  deployments = objects.filter((object): object is Deployment => object.kind === 'Deployment');
});

describe('k8s/base, rendered alone', () => {
  it('when rendered, then it has one Deployment per service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['auth', 'gateway', 'notes']);
  });

  it('when a pod starts, then it runs as a numeric non-root user with seccomp and no API token', () => {
    for (const { metadata, spec } of deployments) {
      const pod = spec.template.spec;

      expect(pod.automountServiceAccountToken, metadata.name).toBe(false);
      expect(pod.securityContext, metadata.name).toMatchObject({
        runAsNonRoot: true,
        runAsUser: expect.any(Number) as number,
        runAsGroup: expect.any(Number) as number,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
    }
  });

  it('when a container runs, then its root is read-only, it cannot escalate and has no capability', () => {
    for (const container of deployments.flatMap((d) => d.spec.template.spec.containers)) {
      expect(container.securityContext, container.name).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.volumeMounts?.map((mount) => mount.mountPath)).toContain('/tmp');
    }
  });

  it('when a container is scheduled, then it has requests and limits and a heap below the limit', () => {
    for (const container of deployments.flatMap((d) => d.spec.template.spec.containers)) {
      const { requests, limits } = container.resources ?? {};
      const heap = /--max-old-space-size=(\d+)/.exec(envOf(container, 'NODE_OPTIONS') ?? '');

      for (const quantities of [requests, limits]) {
        expect(Object.keys(quantities ?? {}).sort(), container.name).toEqual(['cpu', 'memory']);
      }
      const share = Number(heap?.[1]) / mebibytes(limits?.memory);
      expect(share, container.name).toBeGreaterThanOrEqual(0.6);
      expect(share, container.name).toBeLessThanOrEqual(0.8);
    }
  });

  it('when the kubelet probes a container, then all three probes ask the admin port over HTTPS', () => {
    for (const container of deployments.flatMap((d) => d.spec.template.spec.containers)) {
      const admin = container.ports?.find((port) => port.name === 'admin');

      expect(admin?.containerPort, container.name).toBe(9090);
      for (const probe of [
        container.startupProbe,
        container.readinessProbe,
        container.livenessProbe,
      ]) {
        expect(probe?.httpGet, container.name).toMatchObject({ port: 'admin', scheme: 'HTTPS' });
      }
    }
  });

  it('when a pod is stopped, then the grace period covers the preStop pause, the delay and the drain', () => {
    for (const { metadata, spec } of deployments) {
      const pod = spec.template.spec;
      const [container] = pod.containers;
      const pause = container?.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const delay = Number(envOf(container ?? { name: '' }, 'SHUTDOWN_DELAY_MS') ?? 5000) / 1000;
      const drain = Number(envOf(container ?? { name: '' }, 'SHUTDOWN_TIMEOUT_MS') ?? 10000) / 1000;

      expect(pause, metadata.name).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds, metadata.name).toBeGreaterThan(
        pause + delay + drain,
      );
    }
  });
});
