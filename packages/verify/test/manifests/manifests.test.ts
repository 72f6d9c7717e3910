import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifests, podTemplateOf } from '../../src/manifests/index.ts';

const spec = { containers: [{ name: 'app', image: 'app:1' }] };

describe('podTemplateOf()', () => {
  it('when given each workload kind, then it finds the pod template where that kind keeps it', () => {
    const template = { metadata: { labels: { app: 'a' } }, spec };
    const objects = [
      { kind: 'Pod', metadata: { labels: { app: 'a' } }, spec },
      { kind: 'PodTemplate', template },
      ...[
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'ReplicaSet',
        'ReplicationController',
        'Job',
      ].map((kind) => ({ kind, spec: { template } })),
      { kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } },
    ];

    const found = objects.map((object) => podTemplateOf(object));

    expect(found.map((t) => t?.spec)).toEqual(objects.map(() => spec));
    expect(found.map((t) => t?.metadata.labels)).toEqual(objects.map(() => ({ app: 'a' })));
    expect(found.at(-1)?.path).toEqual(['spec', 'jobTemplate', 'spec', 'template']);
  });

  it('when the kind runs no pods or the template has no spec, then it returns undefined', () => {
    expect(podTemplateOf({ kind: 'Service', spec: { ports: [] } })).toBeUndefined();
    expect(podTemplateOf({ kind: 'Deployment', spec: {} })).toBeUndefined();
  });
});

describe('parseManifests()', () => {
  it('when a file holds several documents and a List, then it returns every object in order', () => {
    const text = `kind: Pod\n---\n---\nkind: List\nitems:\n- kind: Service\n- kind: Job\n`;

    const manifests = parseManifests(text, 'all.yaml');

    expect(manifests.map((m) => [m.file, m.index, m.object.kind])).toEqual([
      ['all.yaml', 0, 'Pod'],
      ['all.yaml', 1, 'Service'],
      ['all.yaml', 2, 'Job'],
    ]);
  });

  it('when the YAML is invalid, then it throws a ManifestError naming the file and line', () => {
    expect(() => parseManifests('kind: Pod\nspec: [\n', 'bad.yaml')).toThrow(ManifestError);
    expect(() => parseManifests('kind: Pod\nspec: [\n', 'bad.yaml')).toThrow(
      /^bad\.yaml: invalid YAML: .*line/,
    );
  });

  it('when a document is not a mapping, then it throws a ManifestError', () => {
    expect(() => parseManifests('- a\n- b\n', 'list.yaml')).toThrow(
      'list.yaml: document 1 is not a YAML mapping',
    );
  });
});
