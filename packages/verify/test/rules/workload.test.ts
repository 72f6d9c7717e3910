import { describe, expect, it } from 'vitest';
import { runRules, type K8sObject, type Rule } from '../../src/rules/rule.ts';
import { adminPortExposed } from '../../src/rules/workload/admin-port-exposed.ts';
import { automountToken } from '../../src/rules/workload/automount-token.ts';
import { defaultNamespace } from '../../src/rules/workload/default-namespace.ts';
import { hostPath } from '../../src/rules/workload/host-path.ts';
import { imageTag } from '../../src/rules/workload/image-tag.ts';
import { podDisruptionBudget } from '../../src/rules/workload/pod-disruption-budget.ts';
import { probes } from '../../src/rules/workload/probes.ts';
import { readonlyRootFilesystem } from '../../src/rules/workload/readonly-root-filesystem.ts';
import { replicasUnderAutoscaler } from '../../src/rules/workload/replicas-under-autoscaler.ts';
import { resources } from '../../src/rules/workload/resources.ts';
import { compliantObjects, container, find, podSpec } from './compliant.ts';

const containerPath = 'spec.template.spec.containers[0]';

function paths(rule: Rule, objects: readonly K8sObject[]): string[] {
  return runRules(objects, [rule]).map(({ path }) => path);
}

describe('workload rules', () => {
  const rules = [
    readonlyRootFilesystem,
    resources,
    probes,
    imageTag,
    automountToken,
    hostPath,
    defaultNamespace,
    podDisruptionBudget,
    adminPortExposed,
  ];

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'when the workload is hardened, then %s reports nothing',
    (_id, rule) => {
      // Arrange
      const objects = compliantObjects();
      // Act
      const findings = runRules(objects, [rule]);
      // Assert
      expect(findings).toEqual([]);
    },
  );
});

describe('readonly-root-filesystem', () => {
  it('when a container may write its root filesystem, then it names the field', () => {
    const objects = compliantObjects();
    delete container(objects).securityContext?.readOnlyRootFilesystem;

    const findings = runRules(objects, [readonlyRootFilesystem]);

    expect(findings).toMatchObject([
      {
        rule: 'readonly-root-filesystem',
        severity: 'error',
        object: { kind: 'Deployment', namespace: 'bulkhead-notes', name: 'notes' },
        path: `${containerPath}.securityContext.readOnlyRootFilesystem`,
      },
    ]);
  });
});

describe('resources', () => {
  it('when the cpu limit and memory request are missing, then it names both', () => {
    const objects = compliantObjects();
    const { limits = {}, requests = {} } = container(objects).resources ?? {};
    delete limits.cpu;
    delete requests.memory;

    expect(paths(resources, objects)).toEqual([
      `${containerPath}.resources.requests.memory`,
      `${containerPath}.resources.limits.cpu`,
    ]);
  });
});

describe('probes', () => {
  it('when the startup probe is missing, then it names it', () => {
    const objects = compliantObjects();
    delete container(objects).startupProbe;

    expect(paths(probes, objects)).toEqual([`${containerPath}.startupProbe`]);
  });

  it('when a Job has no probes, then it reports nothing, because a Job runs to completion', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'bulkhead-notes' },
      spec: { template: { spec: { containers: [{ name: 'migrate', image: 'migrate:1' }] } } },
    };

    expect(paths(probes, [job])).toEqual([]);
  });
});

describe('image-tag', () => {
  it.each([
    ['notes', 'has no tag'],
    ['registry:5000/notes', 'has no tag'],
    ['ghcr.io/example/notes:latest', 'uses the latest tag'],
  ])('when the image is "%s", then it says the image %s', (image, what) => {
    const objects = compliantObjects();
    container(objects).image = image;

    const [finding] = runRules(objects, [imageTag]);

    expect(finding?.path).toBe(`${containerPath}.image`);
    expect(finding?.message).toContain(what);
  });

  it('when the image is pinned by digest or by a registry port and tag, then it passes', () => {
    const objects = compliantObjects();
    const [first] = podSpec(objects).containers;
    podSpec(objects).containers = [
      { ...first, name: 'a', image: `notes@sha256:${'a'.repeat(64)}` },
      { ...first, name: 'b', image: 'registry:5000/notes:1.2.3' },
    ];

    expect(paths(imageTag, objects)).toEqual([]);
  });
});

describe('automount-token', () => {
  it('when neither the pod nor its ServiceAccount turns the token off, then it fires', () => {
    const objects = compliantObjects();
    delete find(objects, 'ServiceAccount').automountServiceAccountToken;

    expect(paths(automountToken, objects)).toEqual([
      'spec.template.spec.automountServiceAccountToken',
    ]);
  });

  it('when the pod spec turns it back on, then it fires despite the ServiceAccount', () => {
    const objects = compliantObjects();
    podSpec(objects).automountServiceAccountToken = true;

    expect(paths(automountToken, objects)).toHaveLength(1);
  });

  it('when the workload declares it needs the API, then it passes', () => {
    const objects = compliantObjects();
    podSpec(objects).automountServiceAccountToken = true;
    const deployment = find(objects, 'Deployment');
    deployment.metadata = {
      ...deployment.metadata,
      annotations: { 'bulkhead.dev/needs-api-access': 'watches ConfigMaps' },
    };

    expect(paths(automountToken, objects)).toEqual([]);
  });
});

describe('host-path', () => {
  it('when a volume mounts a node path, then it names the volume', () => {
    const objects = compliantObjects();
    podSpec(objects).volumes?.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } });

    expect(paths(hostPath, objects)).toEqual(['spec.template.spec.volumes[1].hostPath']);
  });
});

describe('default-namespace', () => {
  it('when a workload has no namespace, then it fires on metadata.namespace', () => {
    const objects = compliantObjects();
    delete find(objects, 'Deployment').metadata?.namespace;

    expect(paths(defaultNamespace, objects)).toEqual(['metadata.namespace']);
  });
});

describe('pod-disruption-budget', () => {
  it('when the only budget selects other pods, then the Deployment has none', () => {
    const objects = compliantObjects();
    const budget = find(objects, 'PodDisruptionBudget');
    budget.spec = {
      ...budget.spec,
      selector: {
        matchExpressions: [{ key: 'app', operator: 'In', values: ['auth'] }],
      },
    };

    expect(paths(podDisruptionBudget, objects)).toEqual(['spec.template.metadata.labels']);
  });
});

describe('replicas-under-autoscaler', () => {
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'notes', namespace: 'bulkhead-notes' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'notes' },
      maxReplicas: 3,
    },
  };

  it('when an HPA scales a Deployment that names replicas, then spec.replicas is named', () => {
    const objects = compliantObjects();
    const { spec } = find(objects, 'Deployment');
    if (spec !== undefined) spec.replicas = 2;

    expect(paths(replicasUnderAutoscaler, [...objects, hpa])).toEqual(['spec.replicas']);
  });

  it('when the Deployment leaves the count to the HPA, then nothing is reported', () => {
    const objects = compliantObjects();
    const { spec } = find(objects, 'Deployment');
    delete spec?.replicas;

    expect(paths(replicasUnderAutoscaler, [...objects, hpa])).toEqual([]);
  });
});

describe('admin-port-exposed', () => {
  it('when the Service becomes a LoadBalancer, then its admin port is at the edge', () => {
    const objects = compliantObjects();
    const service = find(objects, 'Service');
    service.spec = { ...service.spec, type: 'LoadBalancer' };

    expect(paths(adminPortExposed, objects)).toEqual(['spec.ports[1]']);
  });

  it('when an HTTPRoute sends traffic to the admin Service port, then it names the backendRef', () => {
    const objects = compliantObjects();
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'notes', namespace: 'bulkhead-notes' },
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'notes', port: 8443 },
              { name: 'notes', port: 9090 },
            ],
          },
        ],
      },
    };

    expect(paths(adminPortExposed, [...objects, route])).toEqual([
      'spec.rules[0].backendRefs[1].port',
    ]);
  });

  it('when a Gateway listens on 9090, then it names the listener', () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'bulkhead-edge' },
      spec: {
        gatewayClassName: 'cloud',
        listeners: [
          { name: 'https', port: 443, protocol: 'HTTPS' },
          { name: 'metrics', port: 9090, protocol: 'HTTP' },
        ],
      },
    };

    expect(paths(adminPortExposed, [gateway])).toEqual(['spec.listeners[1]']);
  });
});
