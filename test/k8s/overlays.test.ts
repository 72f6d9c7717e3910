import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { overlays, renderOverlays, repoRoot, type K8sObject } from './render.ts';
import { podTemplateOf } from '../../packages/verify/src/manifests/index.ts';

interface SkaffoldConfig {
  build: { artifacts: { image: string }[] };
  portForward: { resourceType: string; resourceName: string; namespace: string; port: number }[];
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
  it('when a profile deploys, then it renders one of the two overlays', () => {
    const paths = skaffold.profiles.map(({ name, manifests }) => [name, manifests.kustomize.paths]);

    expect(paths).toEqual([
      ['kind', ['k8s/overlays/kind']],
      ['production', ['k8s/overlays/production']],
    ]);
  });

  it('when skaffold dev forwards a port, then that Service port exists in the kind overlay', () => {
    for (const { resourceType, resourceName, namespace, port } of skaffold.portForward) {
      const service = rendered['k8s/overlays/kind'].find(
        (object) =>
          resourceType === 'service' &&
          object.kind === 'Service' &&
          object.metadata.name === resourceName &&
          object.metadata.namespace === namespace,
      ) as { spec: { ports: { port: number }[] } } | undefined;

      expect(
        service?.spec.ports.map((p) => p.port),
        resourceName,
      ).toContain(port);
    }
  });
});
