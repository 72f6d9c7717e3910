import { describeObject, type K8sObject } from './render.ts';
import type { TlsSecret } from './cert-manager.ts';

/** A pod spec field the translation cannot carry out, or a setting the kubelet would refuse. */
export class PodSpecError extends Error {
  override name = 'PodSpecError';
  constructor(object: K8sObject, path: string, message: string) {
    super(`${describeObject(object)}: ${path}: ${message}`);
  }
}

/** A probe as the kubelet runs it, with the API defaults filled in. */
export interface Probe {
  field: string;
  kind: 'httpGet' | 'tcpSocket';
  scheme: 'HTTP' | 'HTTPS';
  port: number;
  path: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** A Secret volume: its files (path → content) and the mode and group the kubelet gives them. */
export interface SecretVolume {
  name: string;
  secretKey: string;
  mountPath: string;
  files: Record<string, string>;
  mode: number;
  group: number | undefined;
}

/** Everything needed to run one Deployment's pod on Docker as the kubelet would. */
export interface PodPlan {
  deployment: K8sObject;
  /** `<namespace>-<name>`: the container's name, and the prefix of its volumes. */
  id: string;
  namespace: string;
  podName: string;
  image: string;
  /** `docker run` options, before the image: identity, hardening, limits, env, tmpfs. */
  options: string[];
  /** What follows the image: the container's args (with `command`, the entrypoint's rest). */
  args: string[];
  entrypoint: string[] | undefined;
  secretVolumes: SecretVolume[];
  /** PersistentVolumeClaims, as folders: `[volume name, mount path]`. */
  claims: [string, string][];
  probes: Partial<Record<'startup' | 'readiness' | 'liveness', Probe>>;
  ports: Map<string, number>;
  /** Where volumes are mounted, tmpfs included. */
  mountPaths: string[];
  preStopSeconds: number;
  graceSeconds: number;
  memoryLimitBytes: number | undefined;
  env: Map<string, string>;
  /** The container's own field path, for messages: `spec.template.spec.containers[0]`. */
  containerPath: string;
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  resources?: { limits?: { memory?: string; cpu?: string } };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  startupProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  lifecycle?: { preStop?: { sleep?: { seconds: number }; exec?: unknown; httpGet?: unknown } };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}
interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  supplementalGroups?: number[];
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}
interface ProbeSpec {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}
interface Volume {
  name: string;
  emptyDir?: { sizeLimit?: string; medium?: string };
  secret?: {
    secretName: string;
    defaultMode?: number;
    items?: { key: string; path: string; mode?: number }[];
  };
  persistentVolumeClaim?: { claimName: string };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  securityContext?: SecurityContext;
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  serviceAccountName?: string;
}

/** Kubernetes quantities, in bytes (memory) or cores (cpu). */
export function quantity(value: string): number {
  const match = /^([\d.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(value);
  if (match === null || Number.isNaN(Number(match[1])))
    throw new Error(`not a quantity: "${value}"`);
  const factors: Record<string, number> = {
    m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
  }; // prettier-ignore
  return Number(match[1]) * (factors[match[2] ?? ''] ?? 1);
}

/** The data of a rendered Secret or an issued one, decoded: key → content. */
function secretData(
  objects: readonly K8sObject[],
  tls: Map<string, TlsSecret>,
  namespace: string,
  name: string,
) {
  const issued = tls.get(`${namespace}/${name}`);
  if (issued !== undefined) return issued as Record<string, string>;
  const rendered = objects.find(
    ({ kind, metadata }) =>
      kind === 'Secret' && metadata.name === name && metadata.namespace === namespace,
  ) as { data?: Record<string, string>; stringData?: Record<string, string> } | undefined;
  if (rendered === undefined) return undefined;
  const data = Object.fromEntries(
    Object.entries(rendered.data ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64').toString(),
    ]),
  );
  return { ...data, ...rendered.stringData };
}

/**
 * Translates one Deployment's pod template into what `docker run` needs, exactly as the kubelet
 * would run it, or throws a PodSpecError naming the object and the field it cannot carry out.
 * `imageUser` is the image's `USER`, for `runAsNonRoot`.
 */
export function planPod(
  deployment: K8sObject,
  objects: readonly K8sObject[],
  tls: Map<string, TlsSecret>,
  imageUser: string,
): PodPlan {
  const namespace = deployment.metadata.namespace ?? 'default';
  const template = (deployment.spec as { template: { spec: PodSpec } }).template;
  const spec = template.spec;
  const fail = (path: string, message: string) =>
    new PodSpecError(deployment, `spec.template.spec.${path}`, message);
  if (spec.containers.length !== 1 || (spec.initContainers ?? []).length > 0) {
    throw fail('containers', 'only pods with one container and no init containers are translated');
  }
  if (spec.automountServiceAccountToken !== false) {
    throw fail(
      'automountServiceAccountToken',
      'a token would be mounted, and there is no API server here to issue it',
    );
  }
  if (spec.enableServiceLinks !== false) {
    throw fail('enableServiceLinks', 'service links are not translated; set it to false');
  }
  const [container] = spec.containers as [Container];
  const at = 'containers[0]';
  const pod = spec.securityContext ?? {};
  const own = container.securityContext ?? {};
  const options: string[] = [];

  // Identity: the container's settings win over the pod's, as in Kubernetes.
  const user = own.runAsUser ?? pod.runAsUser;
  const group = own.runAsGroup ?? pod.runAsGroup;
  if ((own.runAsNonRoot ?? pod.runAsNonRoot) === true) {
    const field = own.runAsNonRoot === undefined ? 'securityContext' : `${at}.securityContext`;
    // No USER in the image is root; a user name cannot be checked, so the kubelet refuses it.
    const [uid = '', gid = '0'] = imageUser.split(':');
    const numeric = /^\d+$/.test(uid) && /^\d+$/.test(gid) ? Number(uid) : undefined;
    const effective = user ?? (imageUser === '' ? 0 : numeric);
    if (effective === undefined) {
      throw fail(
        `${field}.runAsNonRoot`,
        `image user "${imageUser}" is not numeric, so the kubelet cannot verify it is not root`,
      );
    }
    if (effective === 0) {
      throw fail(
        `${field}.runAsNonRoot`,
        'the container would run as root (uid 0), which the kubelet refuses to start',
      );
    }
  }
  if (user !== undefined)
    options.push('--user', group === undefined ? String(user) : `${user}:${group}`);
  for (const extra of [pod.fsGroup, ...(pod.supplementalGroups ?? [])]) {
    if (extra !== undefined) options.push('--group-add', String(extra));
  }

  // Hardening.
  if (own.privileged === true) options.push('--privileged');
  if (own.readOnlyRootFilesystem === true) options.push('--read-only');
  for (const capability of own.capabilities?.drop ?? []) options.push('--cap-drop', capability);
  for (const capability of own.capabilities?.add ?? []) options.push('--cap-add', capability);
  if (own.allowPrivilegeEscalation === false) options.push('--security-opt', 'no-new-privileges');
  const seccomp = own.seccompProfile?.type ?? pod.seccompProfile?.type ?? 'Unconfined';
  if (seccomp === 'Unconfined') options.push('--security-opt', 'seccomp=unconfined');
  else if (seccomp !== 'RuntimeDefault')
    throw fail('securityContext.seccompProfile', `"${seccomp}" is not translated`);

  // Limits.
  const limits = container.resources?.limits ?? {};
  const memoryLimitBytes = limits.memory === undefined ? undefined : quantity(limits.memory);
  if (memoryLimitBytes !== undefined)
    options.push('--memory', String(Math.floor(memoryLimitBytes)));
  if (limits.cpu !== undefined) options.push('--cpus', String(quantity(limits.cpu)));

  // Ports and probes.
  const ports = new Map(
    (container.ports ?? []).flatMap((p) =>
      p.name === undefined ? [] : [[p.name, p.containerPort] as const],
    ),
  );
  const portOf = (value: number | string, path: string) => {
    if (typeof value === 'number') return value;
    const found = ports.get(value);
    if (found === undefined) throw fail(path, `the container declares no port named "${value}"`);
    return found;
  };
  const probeOf = (
    field: 'startupProbe' | 'readinessProbe' | 'livenessProbe',
  ): Probe | undefined => {
    const probe = container[field];
    if (probe === undefined) return undefined;
    const path = `${at}.${field}`;
    const action = probe.httpGet ?? probe.tcpSocket;
    if (action === undefined) throw fail(path, 'only httpGet and tcpSocket probes are translated');
    const scheme = probe.httpGet?.scheme ?? 'HTTP';
    if (scheme !== 'HTTP' && scheme !== 'HTTPS')
      throw fail(`${path}.httpGet.scheme`, `"${scheme}" is not HTTP or HTTPS`);
    return {
      field: `spec.template.spec.${path}`,
      kind: probe.httpGet === undefined ? 'tcpSocket' : 'httpGet',
      scheme,
      port: portOf(
        action.port,
        `${path}.${probe.httpGet === undefined ? 'tcpSocket' : 'httpGet'}.port`,
      ),
      path: probe.httpGet?.path ?? '/',
      initialDelaySeconds: probe.initialDelaySeconds ?? 0,
      periodSeconds: probe.periodSeconds ?? 10,
      timeoutSeconds: probe.timeoutSeconds ?? 1,
      successThreshold: probe.successThreshold ?? 1,
      failureThreshold: probe.failureThreshold ?? 3,
    };
  };

  // Environment, with valueFrom resolved from the render, as the kubelet does at container start.
  const podName = `${deployment.metadata.name}-0`;
  const env = new Map<string, string>();
  for (const [index, variable] of (container.env ?? []).entries()) {
    const path = `${at}.env[${index}]`;
    const from = variable.valueFrom;
    let value = variable.value ?? '';
    if (from?.fieldRef !== undefined) {
      const fields: Record<string, string> = {
        'metadata.name': podName,
        'metadata.namespace': namespace,
        'spec.serviceAccountName': spec.serviceAccountName ?? 'default',
      };
      const found = fields[from.fieldRef.fieldPath];
      if (found === undefined)
        throw fail(
          `${path}.valueFrom.fieldRef.fieldPath`,
          `"${from.fieldRef.fieldPath}" is not translated`,
        );
      value = found;
    } else if (from?.configMapKeyRef !== undefined || from?.secretKeyRef !== undefined) {
      const ref = (from.configMapKeyRef ?? from.secretKeyRef) as { name: string; key: string };
      const kind = from.configMapKeyRef === undefined ? 'secretKeyRef' : 'configMapKeyRef';
      const data =
        kind === 'secretKeyRef'
          ? secretData(objects, tls, namespace, ref.name)
          : (objects.find(
              (o) =>
                o.kind === 'ConfigMap' &&
                o.metadata.name === ref.name &&
                o.metadata.namespace === namespace,
            )?.data as Record<string, string> | undefined);
      const found = data?.[ref.key];
      if (found === undefined)
        throw fail(
          `${path}.valueFrom.${kind}`,
          `${ref.name} has no key "${ref.key}" in ${namespace}`,
        );
      value = found;
    }
    env.set(variable.name, value);
    options.push('--env', `${variable.name}=${value}`);
  }

  // Volumes: emptyDir as tmpfs, Secrets laid out by the kubelet's rules, claims as folders.
  const volumes = new Map((spec.volumes ?? []).map((volume) => [volume.name, volume]));
  const secretVolumes: SecretVolume[] = [];
  const claims: [string, string][] = [];
  for (const [index, mount] of (container.volumeMounts ?? []).entries()) {
    const path = `${at}.volumeMounts[${index}]`;
    const volume = volumes.get(mount.name);
    if (volume === undefined) throw fail(`${path}.name`, `no volume named "${mount.name}"`);
    if (mount.subPath !== undefined)
      throw fail(
        `${path}.subPath`,
        'subPath mounts are not translated (and never see a Secret update)',
      );
    if (volume.emptyDir !== undefined) {
      const size =
        volume.emptyDir.sizeLimit === undefined
          ? ''
          : `,size=${Math.floor(quantity(volume.emptyDir.sizeLimit))}`;
      options.push('--tmpfs', `${mount.mountPath}:rw,exec,mode=0777${size}`);
    } else if (volume.secret !== undefined) {
      const data = secretData(objects, tls, namespace, volume.secret.secretName);
      if (data === undefined) {
        throw fail(
          `volumes[${(spec.volumes ?? []).indexOf(volume)}].secret.secretName`,
          `no Secret "${volume.secret.secretName}" in ${namespace}, rendered or issued`,
        );
      }
      const items = volume.secret.items ?? Object.keys(data).map((key) => ({ key, path: key }));
      const files: Record<string, string> = {};
      for (const item of items) {
        const content = data[item.key];
        if (content === undefined)
          throw fail(
            `volumes[${mount.name}].secret.items`,
            `Secret ${volume.secret.secretName} has no key "${item.key}"`,
          );
        files[item.path] = content;
      }
      secretVolumes.push({
        name: mount.name,
        secretKey: `${namespace}/${volume.secret.secretName}`,
        mountPath: mount.mountPath,
        files,
        mode: volume.secret.defaultMode ?? 0o644,
        group: pod.fsGroup,
      });
    } else if (volume.persistentVolumeClaim !== undefined) {
      claims.push([mount.name, mount.mountPath]);
    } else {
      throw fail(
        `volumes`,
        `volume "${mount.name}" is of a kind this translation does not carry out`,
      );
    }
  }

  const probes: PodPlan['probes'] = {};
  const startup = probeOf('startupProbe');
  const readiness = probeOf('readinessProbe');
  const liveness = probeOf('livenessProbe');
  if (startup !== undefined) probes.startup = startup;
  if (readiness !== undefined) probes.readiness = readiness;
  if (liveness !== undefined) probes.liveness = liveness;
  const preStop = container.lifecycle?.preStop;
  if (preStop !== undefined && preStop.sleep === undefined) {
    throw fail(`${at}.lifecycle.preStop`, 'only the sleep action is translated');
  }
  return {
    deployment,
    id: `${namespace}-${deployment.metadata.name}`,
    namespace,
    podName,
    image: container.image,
    options,
    args: [...(container.command?.slice(1) ?? []), ...(container.args ?? [])],
    entrypoint: container.command?.slice(0, 1),
    secretVolumes,
    claims,
    probes,
    ports,
    mountPaths: (container.volumeMounts ?? []).map((mount) => mount.mountPath),
    preStopSeconds: preStop?.sleep?.seconds ?? 0,
    graceSeconds: spec.terminationGracePeriodSeconds ?? 30,
    memoryLimitBytes,
    env,
    containerPath: `spec.template.spec.${at}`,
  };
}
