import { beforeAll, describe, expect, it } from 'vitest';

import { overlays, renderOverlays, type K8sObject } from './render.ts';
import { podTemplateOf } from '../../packages/verify/src/manifests/index.ts';
import { evaluate } from '../../packages/verify/src/pss/index.ts';

const modes = ['enforce', 'audit', 'warn'] as const;

let rendered: Awaited<ReturnType<typeof renderOverlays>>;
beforeAll(async () => {
  rendered = await renderOverlays();
});

function labelsOf(objects: readonly K8sObject[], namespace: string): Record<string, string> {
  const found = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
  return found?.metadata.labels ?? {};
}

describe.each(overlays)('Pod Security Standards in %s', (overlay) => {
  it('when a namespace is rendered, then it enforces, audits and warns at restricted, pinned', () => {
    const namespaces = rendered[overlay].filter((object) => object.kind === 'Namespace');

    expect(namespaces).toHaveLength(3);
    for (const { metadata } of namespaces) {
      for (const mode of modes) {
        expect(metadata.labels?.[`pod-security.kubernetes.io/${mode}`], metadata.name).toBe(
          'restricted',
        );
        expect(metadata.labels?.[`pod-security.kubernetes.io/${mode}-version`]).toMatch(
          /^v1\.\d+$/,
        );
      }
    }
  });

  it("when each workload is evaluated at its namespace's enforce version, then restricted allows it", () => {
    const workloads = rendered[overlay].flatMap((object) => {
      const template = podTemplateOf(object);
      return template === undefined ? [] : [{ object, template }];
    });

    expect(workloads).toHaveLength(3);
    for (const { object, template } of workloads) {
      const namespace = object.metadata.namespace ?? 'default';
      const version = labelsOf(rendered[overlay], namespace)[
        'pod-security.kubernetes.io/enforce-version'
      ];

      const evaluation = evaluate(template.metadata, template.spec, {
        level: 'restricted',
        version: version ?? 'missing',
      });

      expect(evaluation, `${namespace}/${object.metadata.name}`).toEqual({
        allowed: true,
        violations: [],
      });
    }
  });
});
