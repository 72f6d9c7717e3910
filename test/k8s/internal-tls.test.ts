import { beforeAll, describe, expect, it } from 'vitest';

import { renderOverlays, type K8sObject } from './render.ts';
import { podTemplateOf } from '../../packages/verify/src/manifests/index.ts';

interface Certificate extends K8sObject {
  spec: { secretName: string; dnsNames: string[]; usages: string[] };
}

const services = ['gateway', 'auth', 'notes'];

let objects: K8sObject[];
beforeAll(async () => {
  objects = (await renderOverlays())['k8s/overlays/kind'];
});

function certificateOf(service: string): Certificate | undefined {
  return objects.find(
    (object): object is Certificate =>
      object.kind === 'Certificate' &&
      object.metadata.name === service &&
      object.metadata.namespace === `bulkhead-${service}`,
  );
}

describe.each(services)('the %s Certificate (components/internal-tls)', (service) => {
  it('when issued, then it names the service at every DNS name peers use, and nothing any other upstream could answer to', () => {
    // No localhost or 127.0.0.1: one service's certificate must never pass for another upstream.
    expect(certificateOf(service)?.spec.dnsNames).toEqual([
      service,
      `${service}.bulkhead-${service}.svc`,
      `${service}.bulkhead-${service}.svc.cluster.local`,
    ]);
  });

  it('when used, then it serves and calls (server and client auth)', () => {
    expect(certificateOf(service)?.spec.usages).toEqual(
      expect.arrayContaining(['server auth', 'client auth']),
    );
  });

  it('when the pod starts, then it mounts the Secret cert-manager writes', () => {
    const deployment = objects.find(
      (object) => object.kind === 'Deployment' && object.metadata.name === service,
    );
    const volumes = deployment === undefined ? [] : (podTemplateOf(deployment)?.spec.volumes ?? []);

    expect(volumes.map((volume) => volume.secret?.secretName)).toContain(
      certificateOf(service)?.spec.secretName,
    );
  });
});
