import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { z } from 'zod';
import { configSchema as authConfigSchema } from '../../services/auth/src/config.ts';
import { configSchema as gatewayConfigSchema } from '../../services/gateway/src/config.ts';
import { configSchema as notesConfigSchema } from '../../services/notes/src/config.ts';
import { docker } from '../containers/docker.ts';
import type { Cluster } from './cluster.ts';
import type { RunningPod } from './kubelet.ts';
import type { PodPlan } from './pod-plan.ts';
import { describeObject, type K8sObject } from './render.ts';

const settings: Record<string, z.ZodObject> = {
  gateway: gatewayConfigSchema,
  auth: authConfigSchema,
  notes: notesConfigSchema,
};
// Read by Node.js itself, not by the service's config.
const runtimeSettings = new Set(['NODE_OPTIONS']);

/**
 * Kubernetes passes any variable name, and a service ignores names it does not read: a misspelt
 * setting silently runs on its default. Every name must be one the image's service reads.
 */
export function unknownSettings(plan: PodPlan): string[] {
  const schema = settings[plan.image.split(':')[0] ?? ''];
  if (schema === undefined) return [];
  const known = new Set([...Object.keys(schema.shape), ...runtimeSettings]);
  return [...plan.env.keys()].flatMap((name, index) =>
    known.has(name)
      ? []
      : [
          `${describeObject(plan.deployment)}: ${plan.containerPath}.env[${index}].name: ${name} is not a setting ${plan.image.split(':')[0] ?? ''} reads, so it runs on that setting's default`,
        ],
  );
}

/** The startup budget the kubelet allows: the startup probe's attempts, then one readiness period. */
export function startupBudgetMs({ probes: { startup, readiness } }: PodPlan): number {
  const startupMs =
    startup === undefined
      ? 0
      : (startup.initialDelaySeconds + startup.periodSeconds * startup.failureThreshold) * 1000;
  const readinessMs =
    readiness === undefined
      ? 0
      : (readiness.periodSeconds * readiness.successThreshold + readiness.timeoutSeconds) * 1000;
  return startupMs + readinessMs;
}

/** Whether a container can write where Node.js and SQLite put temporary files (`os.tmpdir()`). */
export async function tempDirWritable(pod: RunningPod): Promise<string | undefined> {
  const script = `const f=require('node:path').join(require('node:os').tmpdir(),'.probe-'+process.pid);require('node:fs').writeFileSync(f,'');require('node:fs').rmSync(f)`;
  try {
    await docker(['exec', pod.container, 'node', '-e', script]);
    return undefined;
  } catch (error) {
    const reason =
      (error as Error).message.split('\n').find((line) => line.includes('Error')) ?? 'write failed';
    return `${describeObject(pod.plan.deployment)}: spec.template.spec.volumes: the temp dir (/tmp) is not writable (${reason.trim()}); a read-only root needs an emptyDir mounted there`;
  }
}

/** V8's heap limit (under the container's own NODE_OPTIONS) against the cgroup's memory limit. */
export async function heapFits(pod: RunningPod): Promise<string | undefined> {
  const heap = Number(
    await docker([
      'exec',
      pod.container,
      'node',
      '-p',
      'require("v8").getHeapStatistics().heap_size_limit',
    ]),
  );
  const cgroup = await docker(['exec', pod.container, 'node', '-p',
    `const fs=require('node:fs');(fs.existsSync('/sys/fs/cgroup/memory.max')?fs.readFileSync('/sys/fs/cgroup/memory.max','utf8'):fs.readFileSync('/sys/fs/cgroup/memory/memory.limit_in_bytes','utf8')).trim()`]); // prettier-ignore
  const limit = Number(cgroup);
  if (!Number.isFinite(limit) || heap < limit) return undefined;
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${describeObject(pod.plan.deployment)}: ${pod.plan.containerPath}.resources.limits.memory: ${mib(limit)} is less than V8's heap limit, ${mib(heap)} (NODE_OPTIONS=${pod.plan.env.get('NODE_OPTIONS') ?? ''}): the kernel would kill the process before its garbage collector runs`;
}

/** What a TLS client of a pod presents and trusts: the caller's own mounted files. */
export interface TlsIdentity {
  ca: string;
  cert?: string;
  key?: string;
}

/** Connects to `ip:port` as a client dialing `name`; answers the server's certificate or the error. */
export function tlsHandshake(ip: string, port: number, name: string, identity: TlsIdentity) {
  return new Promise<{ certificate?: X509Certificate; error?: string }>((resolve) => {
    const socket = connect({ host: ip, port, servername: name, ...identity, timeout: 5000 });
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve({ certificate: new X509Certificate(raw) });
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve({ error: 'timed out' });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: `${error.code ?? ''} ${error.message}`.trim() });
    });
  });
}

/**
 * Every https URL a pod's settings dial at a Service of the render must reach a pod whose
 * certificate names that host, checked with the caller's own CA and certificate, as the caller
 * will: a Certificate that forgot the name fails here, naming its dnsNames.
 */
export async function dialedNamesCovered(
  cluster: Cluster,
  objects: readonly K8sObject[],
  identityOf: (pod: RunningPod) => TlsIdentity,
) {
  const problems: string[] = [];
  for (const caller of cluster.pods.values()) {
    for (const [name, value] of caller.plan.env) {
      if (!URL.canParse(value) || new URL(value).protocol !== 'https:') continue;
      const url = new URL(value);
      const callee = [...cluster.pods.values()].find((pod) => pod.aliases.includes(url.hostname));
      if (callee === undefined) continue;
      const port = Number(url.port || 443);
      const { error } = await tlsHandshake(callee.ip, port, url.hostname, identityOf(caller));
      if (error === undefined) continue;
      const secretKey = callee.plan.secretVolumes.find(
        (volume) => 'tls.crt' in volume.files,
      )?.secretKey;
      const certificate = objects.find(
        (object) =>
          object.kind === 'Certificate' &&
          `${object.metadata.namespace ?? ''}/${(object.spec as { secretName: string }).secretName}` ===
            secretKey,
      );
      const where =
        certificate === undefined
          ? `the certificate of ${describeObject(callee.plan.deployment)}`
          : `${describeObject(certificate)}: spec.dnsNames`;
      problems.push(
        `${where} does not serve "${url.hostname}", which ${describeObject(caller.plan.deployment)} dials (${caller.plan.containerPath}.env ${name}): ${error}`,
      );
    }
  }
  return problems;
}
