import { randomBytes } from 'node:crypto';
import { docker } from '../containers/docker.ts';
import type { IssuedSecrets } from './cert-manager.ts';
import { superviseContainer, type RunningPod } from './kubelet.ts';
import { planPod, PodSpecError, type PodPlan, type SecretVolume } from './pod-plan.ts';
import type { K8sObject } from './render.ts';
import { createClaimVolume, createSecretVolume } from './volumes.ts';

/** Everything test:pods starts carries this label, so one call removes it all. */
export const ownerLabel = 'dev.bulkhead.test-pods';

interface ServiceSpec {
  selector?: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: number | string }[];
}

/** The names a Service answers to from any namespace, as cluster DNS gives them. */
export function serviceNames(name: string, namespace: string): string[] {
  return [
    name,
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ];
}

function selects(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** The DNS names each Deployment's pod gets from the Services that select it. */
function aliasesOf(objects: readonly K8sObject[], plan: PodPlan): string[] {
  const labels = (
    plan.deployment.spec as { template: { metadata: { labels?: Record<string, string> } } }
  ).template.metadata.labels;
  return objects
    .filter((o) => o.kind === 'Service' && o.metadata.namespace === plan.namespace)
    .filter((service) => {
      const spec = service.spec as ServiceSpec;
      return spec.selector !== undefined && selects(spec.selector, labels);
    })
    .flatMap((service) => {
      const spec = service.spec as ServiceSpec;
      for (const [index, port] of spec.ports.entries()) {
        const target = port.targetPort ?? port.port;
        const number = typeof target === 'number' ? target : plan.ports.get(target);
        const field = `spec.ports[${index}].targetPort`;
        if (number === undefined)
          throw new PodSpecError(
            service,
            field,
            `the pod declares no port named "${String(target)}"`,
          );
        // One Docker network resolves the name to the pod itself, so the Service port must be the pod's.
        if (number !== port.port)
          throw new PodSpecError(
            service,
            field,
            `port ${port.port} → ${number}: only a Service port equal to its target is translated`,
          );
      }
      return serviceNames(service.metadata.name, plan.namespace);
    });
}

/** The pods of one render, running on one Docker network. */
export interface Cluster {
  network: string;
  pods: Map<string, RunningPod>;
  /** The Docker volume holding a mounted Secret, by `namespace/secretName`. */
  secretVolumes: Map<string, { volume: string; secret: SecretVolume }>;
  remove: () => Promise<void>;
}

/** Every Deployment of a render, translated, with the Service names of each pod. */
export interface ClusterPlan {
  objects: readonly K8sObject[];
  plans: PodPlan[];
  aliases: Map<string, string[]>;
}

/**
 * Plans every Deployment of the render as the kubelet would run it; throws a PodSpecError naming
 * the object and the field it cannot carry out.
 */
export async function planCluster(
  objects: readonly K8sObject[],
  issued: IssuedSecrets,
): Promise<ClusterPlan> {
  const plans: PodPlan[] = [];
  for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
    const image =
      (deployment.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
        .containers[0]?.image ?? '';
    const imageUser = await docker(['image', 'inspect', '-f', '{{.Config.User}}', image]).catch(
      () => {
        throw new PodSpecError(
          deployment,
          'spec.template.spec.containers[0].image',
          `image "${image}" is not built here`,
        );
      },
    );
    plans.push(planPod(deployment, objects, issued.secrets, imageUser));
  }
  return {
    objects,
    plans,
    aliases: new Map(plans.map((plan) => [plan.id, aliasesOf(objects, plan)])),
  };
}

/**
 * Creates the network, the volumes and one container per planned pod, and supervises each as the
 * kubelet would. `remove` takes away everything it made; images stay.
 */
export async function startCluster({ plans, aliases }: ClusterPlan): Promise<Cluster> {
  const run = randomBytes(4).toString('hex');
  const label = `${ownerLabel}=${run}`;
  const network = `bulkhead-pods-${run}`;
  const cluster: Cluster = {
    network,
    pods: new Map(),
    secretVolumes: new Map(),
    remove: async () => {
      for (const pod of cluster.pods.values()) pod.halt();
      const owned = (kind: string) =>
        docker([kind, 'ls', '-q', '--filter', `label=${label}`]).then((out) =>
          out.split('\n').filter(Boolean),
        );
      const containers = await docker(['ps', '-aq', '--filter', `label=${label}`]).then((out) =>
        out.split('\n').filter(Boolean),
      );
      if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
      const volumes = await owned('volume');
      if (volumes.length > 0) await docker(['volume', 'rm', '-f', ...volumes]);
      await docker(['network', 'rm', network]).catch(() => undefined);
    },
  };
  try {
    await docker(['network', 'create', '--label', label, network]);
    for (const plan of plans) {
      const mounts: string[] = [];
      for (const secret of plan.secretVolumes) {
        const volume = `${network}-${plan.id}-${secret.name}`;
        await createSecretVolume(volume, secret, [label]);
        cluster.secretVolumes.set(secret.secretKey, { volume, secret });
        mounts.push('-v', `${volume}:${secret.mountPath}:ro`);
      }
      for (const [name, mountPath] of plan.claims) {
        const volume = `${network}-${plan.id}-${name}`;
        await createClaimVolume(volume, [label]);
        mounts.push('-v', `${volume}:${mountPath}`);
      }
      const container = `${network}-${plan.id}`;
      await docker([
        'run', '--detach', '--name', container, '--label', label, '--hostname', plan.podName,
        '--network', network, ...(aliases.get(plan.id) ?? []).flatMap((alias) => ['--network-alias', alias]),
        ...plan.options, ...mounts,
        ...(plan.entrypoint === undefined ? [] : ['--entrypoint', plan.entrypoint.join(' ')]),
        plan.image, ...plan.args,
      ]); // prettier-ignore
      const ip = await docker([
        'inspect',
        '-f',
        `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
        container,
      ]);
      cluster.pods.set(
        plan.id,
        superviseContainer(plan, container, ip, aliases.get(plan.id) ?? []),
      );
    }
  } catch (error) {
    await cluster.remove();
    throw error;
  }
  return cluster;
}
