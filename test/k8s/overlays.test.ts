import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

import { overlays, renderOverlays, repoRoot, type K8sObject } from './render.ts';
import { podTemplateOf } from '../../packages/verify/src/manifests/index.ts';

interface SkaffoldConfig {
  build: { artifacts: { image: string }[] };
  portForward: {
    resourceType: string;
    resourceName: string;
    namespace: string;
    port: number;
    localPort: number;
  }[];
  profiles: { name: string; manifests: { kustomize: { paths: string[] } } }[];
}

const skaffold = parse(readFileSync(join(repoRoot, 'skaffold.yaml'), 'utf8')) as SkaffoldConfig;

let rendered: Awaited<ReturnType<typeof renderOverlays>>;
beforeAll(async () => {
  rendered = await renderOverlays();
});

function imagesOf(objects: readonly K8sObject[]): string[] {
  return objects.flatMap((object) => {
    const spec = podTemplateOf(object)?.spec;
    return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map(
      (container) => container.image ?? '',
    );
  });
}

describe.each(overlays)('kubectl kustomize %s', (overlay) => {
  it('when rendered, then it yields the three services, each in its own namespace', () => {
    const deployments = rendered[overlay].filter((object) => object.kind === 'Deployment');

    expect(
      deployments.map((d) => `${d.metadata.namespace ?? ''}/${d.metadata.name}`).sort(),
    ).toEqual(['bulkhead-auth/auth', 'bulkhead-gateway/gateway', 'bulkhead-notes/notes']);
  });

  it('when rendered, then every image is one skaffold builds, with a tag', () => {
    const built = new Set(skaffold.build.artifacts.map((artifact) => artifact.image));

    const images = imagesOf(rendered[overlay]);

    expect(images).toHaveLength(3);
    for (const image of images) {
      const [name = '', tag] = image.split(':');
      expect(built, image).toContain(name);
      expect(tag, image).toMatch(/^[\w][\w.-]{0,127}$/);
    }
  });
});

describe('kubectl kustomize k8s/overlays/kind', () => {
  it('when rendered, then auth gets its dev secrets under the names it mounts, without a hash', () => {
    const secrets = rendered['k8s/overlays/kind'].filter((object) => object.kind === 'Secret');

    expect(secrets.map((s) => `${s.metadata.namespace ?? ''}/${s.metadata.name}`).sort()).toEqual([
      'bulkhead-auth/auth-clients',
      'bulkhead-auth/auth-jwt-keys',
    ]);
  });
});

describe('kubectl kustomize k8s/overlays/production', () => {
  it('when rendered, then no Secret is in the manifests: ExternalSecrets bring them', () => {
    const objects = rendered['k8s/overlays/production'];

    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    expect(
      objects
        .filter((object) => object.kind === 'ExternalSecret')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['auth-clients', 'auth-jwt-keys']);
  });
});

describe('skaffold.yaml', () => {
  it('when a profile deploys, then it renders the kind overlay or the production app layer', () => {
    const paths = skaffold.profiles.map(({ name, manifests }) => [name, manifests.kustomize.paths]);

    expect(paths).toEqual([
      ['kind', ['k8s/overlays/kind']],
      ['production', ['k8s/overlays/production/app']],
    ]);
  });

  it("when skaffold dev forwards a port, then it is the edge Service's HTTPS port of the kind Gateway", () => {
    const [edgeClass, envoyProxy] = parseAllDocuments(
      readFileSync(join(repoRoot, 'k8s/cluster/envoy-gateway.yaml'), 'utf8'),
    ).map((document) => document.toJS() as EnvoyGatewayObject);
    const gateway = rendered['k8s/overlays/kind'].find((object) => object.kind === 'Gateway') as
      | { spec: { gatewayClassName: string; listeners: { protocol: string; port: number }[] } }
      | undefined;

    expect(skaffold.portForward).toEqual([
      {
        resourceType: 'service',
        resourceName: envoyProxy?.spec.provider.kubernetes.envoyService.name,
        namespace: envoyProxy?.metadata.namespace,
        port: gateway?.spec.listeners.find((listener) => listener.protocol === 'HTTPS')?.port,
        localPort: 8443,
      },
    ]);
    expect(gateway?.spec.gatewayClassName).toBe(edgeClass?.metadata.name);
    expect(edgeClass?.spec.parametersRef).toMatchObject({
      kind: 'EnvoyProxy',
      name: envoyProxy?.metadata.name,
      namespace: envoyProxy?.metadata.namespace,
    });
  });
});

interface EnvoyGatewayObject {
  metadata: { name: string; namespace?: string };
  spec: {
    parametersRef?: unknown;
    provider: { kubernetes: { envoyService: { name: string } } };
  };
}

describe.each(overlays)('the gateway behind the edge in %s', (overlay) => {
  it.each([
    ['gateway', '1', 'the Envoy that called it'],
    ['auth', '2', 'Envoy and gateway'],
  ])('when rendered, then %s trusts exactly %s proxy hops: %s', (name, hops) => {
    const deployment = rendered[overlay].find(
      (object) => object.kind === 'Deployment' && object.metadata.name === name,
    );
    const env = podTemplateOf(deployment as K8sObject)?.spec.containers[0]?.env ?? [];

    expect(env.filter((variable) => variable.name === 'TRUST_PROXY')).toEqual([
      { name: 'TRUST_PROXY', value: hops },
    ]);
  });

  it('when an HPA scales a Deployment, then the Deployment names no replica count', () => {
    const scaled = rendered[overlay]
      .filter((object) => object.kind === 'HorizontalPodAutoscaler')
      .map((hpa) => (hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
    const replicasOf = (name: string) =>
      (
        rendered[overlay].find(
          (object) => object.kind === 'Deployment' && object.metadata.name === name,
        ) as { spec: { replicas?: number } } | undefined
      )?.spec;

    for (const name of scaled) expect(replicasOf(name), name).not.toHaveProperty('replicas');
    expect(replicasOf('notes')).toHaveProperty('replicas', 1);
  });
});
