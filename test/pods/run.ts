// `npm run test:pods`: the rendered kind overlay's pods, run on Docker as the kubelet would run
// them: each Deployment a container of its image with the pod spec translated exactly, each
// Service's names on one network, the Secrets cert-manager would write, probes and lifecycle as
// declared. Then what a user would notice, and broken renders that must fail by name. Prints
// one line per check, ends with "N passed, N failed", exits 1 on any failure, and removes
// everything it started (images are kept). Needs Docker and kubectl (kustomize).
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { docker } from '../containers/docker.ts';
import { gatewayClient } from '../containers/gateway-client.ts';
import { buildImage } from '../containers/images.ts';
import { createReport } from '../containers/report.ts';
import { brokenRenders } from './broken-renders.ts';
import { issueSecrets, type IssuedSecrets } from './cert-manager.ts';
import { planCluster, startCluster, type Cluster } from './cluster.ts';
import type { RunningPod, StopResult } from './kubelet.ts';
import {
  dialedNamesCovered,
  heapFits,
  startupBudgetMs,
  tempDirWritable,
  tlsHandshake,
  unknownSettings,
  type TlsIdentity,
} from './pod-checks.ts';
import { PodSpecError } from './pod-plan.ts';
import { renderKindOverlay, type K8sObject } from './render.ts';
import { writeSecretVolume } from './volumes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const services = ['gateway', 'auth', 'notes'] as const;
const report = createReport();
const check = report.check;

/** The caller's own mounted TLS files: what it presents and whom it trusts. */
function identityOf(pod: RunningPod): TlsIdentity {
  const files = pod.plan.secretVolumes.find((volume) => 'tls.crt' in volume.files)?.files ?? {};
  return { ca: files['ca.crt'] ?? '', cert: files['tls.crt'] ?? '', key: files['tls.key'] ?? '' };
}

function pod(cluster: Cluster, namespace: string, name: string): RunningPod {
  const found = cluster.pods.get(`${namespace}-${name}`);
  if (found === undefined) throw new Error(`no pod for Deployment ${namespace}/${name}`);
  return found;
}

/** Everything a broken render must trip over: planning, readiness, then what the pods reach. */
async function podFailures(
  objects: readonly K8sObject[],
  issued: IssuedSecrets,
  cluster?: Cluster,
): Promise<string[]> {
  let planned;
  try {
    planned = await planCluster(objects, issued);
  } catch (error) {
    if (error instanceof PodSpecError) return [error.message];
    throw error;
  }
  const unknown = planned.plans.flatMap(unknownSettings);
  if (unknown.length > 0) return unknown;
  const running = cluster ?? (await startCluster(planned));
  try {
    const notReady = await Promise.all(
      [...running.pods.values()].map((p) =>
        p.whenReady.then(
          () => undefined,
          (error: unknown) => (error as Error).message,
        ),
      ),
    );
    const failures = notReady.filter((message) => message !== undefined);
    if (failures.length > 0) return failures;
    const inside = await Promise.all(
      [...running.pods.values()].flatMap((p) => [tempDirWritable(p), heapFits(p)]),
    );
    return [
      ...inside.filter((m) => m !== undefined),
      ...(await dialedNamesCovered(running, objects, identityOf)),
    ];
  } finally {
    if (cluster === undefined) await running.remove();
  }
}

async function theSystem(
  objects: K8sObject[],
  issued: IssuedSecrets,
  client: { id: string; secret: string },
) {
  const planned = await planCluster(objects, issued);
  const cluster = await startCluster(planned);
  let stops: Map<string, StopResult> | undefined;
  try {
    await check('every pod becomes Ready within its startup budget', async () => {
      const times = await Promise.all(
        [...cluster.pods.values()].map(async (p) => {
          const budget = startupBudgetMs(p.plan);
          const timer = new Promise<never>((_, reject) =>
            setTimeout(() => {
              reject(new Error(`${p.plan.id}: not Ready within ${budget} ms`));
            }, budget).unref(),
          );
          await Promise.race([p.whenReady, timer]);
          return `${p.plan.id} ${((p.readyAt ?? 0) - p.startedAt) / 1000} s of ${budget / 1000} s`;
        }),
      );
      return times.join(', ');
    });
    await check(
      'each pod can write its temp dir, fits its heap in its memory limit, and is served under every name it is dialed by',
      async () => {
        const problems = await podFailures(objects, issued, cluster);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      },
    );

    const gateway = pod(cluster, 'bulkhead-gateway', 'gateway');
    const notes = pod(cluster, 'bulkhead-notes', 'notes');
    const auth = pod(cluster, 'bulkhead-auth', 'auth');
    const user = gatewayClient({
      baseUrl: `https://${gateway.ip}:8443`,
      ca: identityOf(gateway).ca,
      servername: 'gateway.bulkhead-gateway.svc',
    });
    let token = '';
    let noteId = '';
    await check(
      'a token and a note through the gateway, with nothing but the manifests’ settings',
      async () => {
        token = await user.token(client.id, client.secret);
        noteId = await user.createNote(token, {
          title: 'from test:pods',
          body: 'pod to pod, mTLS',
        });
        const note = await user.getNote(token, noteId);
        if (note.title !== 'from test:pods') throw new Error(`read back ${JSON.stringify(note)}`);
      },
    );

    for (const [callee, name, path] of [
      [notes, 'notes.bulkhead-notes.svc', '/v1/notes'],
      [auth, 'auth.bulkhead-auth.svc', '/.well-known/jwks.json'],
    ] as const) {
      await check(
        `${name} refuses a peer whose certificate is not on its allow-list; gateway's is served (control)`,
        async () => {
          const rogue = await issued.rogue(['intruder.bulkhead-intruder.svc']);
          const ask = async (tls: TlsIdentity) => {
            const dispatcher = new Agent({ connect: { ...tls, servername: name } });
            try {
              const answer = await request(`https://${callee.ip}:8443${path}`, { dispatcher });
              await answer.body.dump();
              return `HTTP ${answer.statusCode}`;
            } catch (error) {
              return `refused (${(error as { code?: string }).code ?? (error as Error).message})`;
            } finally {
              await dispatcher.close();
            }
          };
          const control = await ask(identityOf(gateway));
          const intruder = await ask({
            ca: identityOf(gateway).ca,
            cert: rogue.cert,
            key: rogue.key,
          });
          if (!control.startsWith('HTTP'))
            throw new Error(`gateway's own certificate was ${control}`);
          if (!intruder.startsWith('refused'))
            throw new Error(`a certificate for intruder got ${intruder}`);
          return `intruder ${intruder}, gateway ${control}`;
        },
      );
    }

    await check(
      "a kubelet-style swap of notes' Secret is served without a restart or a failed request",
      async () => {
        const before = await docker([
          'inspect',
          '-f',
          '{{.RestartCount}} {{.State.StartedAt}}',
          notes.container,
        ]);
        const certificate = objects.find(
          (o) => o.kind === 'Certificate' && o.metadata.name === 'notes',
        );
        const mounted = cluster.secretVolumes.get('bulkhead-notes/notes-tls');
        if (certificate === undefined || mounted === undefined)
          throw new Error('notes mounts no notes-tls');
        const load = { ok: 0, failed: [] as string[], running: true };
        const worker = async () => {
          while (load.running) {
            await user.getNote(token, noteId).then(
              () => (load.ok += 1),
              (error: unknown) => load.failed.push((error as Error).message),
            );
          }
        };
        const workers = [worker(), worker(), worker(), worker()];
        const renewed = await issued.renew(certificate);
        await writeSecretVolume(mounted.volume, renewed, mounted.secret);
        const wanted = new X509Certificate(renewed['tls.crt']).fingerprint256;
        const deadline = Date.now() + 30_000;
        let served = '';
        while (served !== wanted && Date.now() < deadline) {
          const { certificate: seen } = await tlsHandshake(
            notes.ip,
            8443,
            'notes.bulkhead-notes.svc',
            identityOf(gateway),
          );
          served = seen?.fingerprint256 ?? '';
        }
        const okAtSwap = load.ok;
        while (load.ok < okAtSwap + 50 && load.failed.length === 0)
          await new Promise((resolve) => setImmediate(resolve));
        load.running = false;
        await Promise.all(workers);
        const after = await docker([
          'inspect',
          '-f',
          '{{.RestartCount}} {{.State.StartedAt}}',
          notes.container,
        ]);
        if (served !== wanted) throw new Error('notes never served the renewed certificate');
        if (load.failed.length > 0)
          throw new Error(`${load.failed.length} requests failed: ${load.failed[0] ?? ''}`);
        if (after !== before) throw new Error(`notes restarted: ${before} → ${after}`);
        return `${load.ok} requests, none failed; the new certificate served`;
      },
    );

    await check('no liveness probe failed during the run', () => {
      const failures = [...cluster.pods.values()].flatMap((p) =>
        p.livenessFailures.map((f) => `${p.plan.id}: ${f}`),
      );
      if (failures.length > 0) throw new Error(failures.join('\n'));
    });
    await check('no container wrote outside its declared volumes (docker diff)', async () => {
      const changed = await Promise.all(
        [...cluster.pods.values()].map(async (p) => {
          // The runtime itself makes each mount point, and the folders above it, in the layer.
          const isMountPoint = (path: string) =>
            p.plan.mountPaths.some((mount) => mount === path || mount.startsWith(`${path}/`));
          const diff = (await docker(['diff', p.container])).split('\n').filter(Boolean);
          return [
            p.plan.id,
            diff.filter((line) => !isMountPoint(line.slice(2))).join('\n'),
          ] as const;
        }),
      );
      const written = changed.filter(([, diff]) => diff !== '');
      if (written.length > 0)
        throw new Error(written.map(([id, diff]) => `${id}: ${diff}`).join('\n'));
    });
    await user.close();
    stops = new Map(
      await Promise.all(
        [...cluster.pods.values()].map(async (p) => [p.plan.id, await p.stop()] as const),
      ),
    );
  } finally {
    if (stops === undefined)
      await Promise.all([...cluster.pods.values()].map((p) => p.stop().catch(() => undefined)));
    await cluster.remove();
  }
  for (const p of cluster.pods.values()) {
    const stop = stops.get(p.plan.id);
    await check(
      `${p.plan.id}: on stop, serves through the preStop delay, then exits 0 within its grace period`,
      () => {
        if (stop === undefined) throw new Error('never stopped');
        const grace = p.plan.graceSeconds * 1000;
        if (stop.killed || stop.exitCode !== 0)
          throw new Error(`exit ${stop.exitCode}${stop.killed ? ' after SIGKILL' : ''}`);
        if (stop.totalMs > grace) throw new Error(`took ${stop.totalMs} ms of ${grace}`);
        if (stop.servedDuringPreStop !== true)
          throw new Error('the listener was closed during the preStop delay');
        return `preStop ${stop.preStopMs} ms, stopped after ${stop.totalMs} ms of ${grace}`;
      },
    );
  }
}

async function main(): Promise<void> {
  try {
    await docker(['info', '--format', '{{.ServerVersion}}']);
  } catch {
    console.log('test:pods needs a running Docker (docker info failed): nothing was checked');
    process.exitCode = 1;
    return;
  }
  for (const service of services) {
    const built = await check(`${service}: the image skaffold builds (SERVICE=${service})`, () =>
      buildImage(root, service),
    );
    if (!built) return;
  }
  const work = await mkdtemp(join(tmpdir(), 'bulkhead-pods-'));
  try {
    let rendered: Awaited<ReturnType<typeof renderKindOverlay>> | undefined;
    await check(
      'kubectl kustomize k8s/overlays/kind, with the dev secrets kind-secrets.sh places',
      async () => {
        rendered = await renderKindOverlay(root, work);
      },
    );
    if (rendered === undefined) return;
    const { objects, client } = rendered;
    console.log(
      `  rendered k8s/overlays/kind: ${objects.length} objects, ${objects.filter((o) => o.kind === 'Deployment').length} Deployments`,
    );
    await theSystem(objects, await issueSecrets(objects), client);
    for (const broken of brokenRenders) {
      await check(
        `broken render, ${broken.what}: fails naming ${broken.expect.object} ${broken.expect.field}`,
        async () => {
          const mutated = structuredClone(objects);
          broken.breaks(mutated);
          const failures = await podFailures(mutated, await issueSecrets(mutated));
          const named = failures.find(
            (m) => m.includes(broken.expect.object) && m.includes(broken.expect.field),
          );
          if (named === undefined)
            throw new Error(failures.length === 0 ? 'nothing failed' : failures.join('\n'));
          return named.split('\n')[0] ?? named;
        },
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
process.exitCode = Math.max(
  Number(process.exitCode ?? 0),
  await report.finish(process.env.CI_RESULTS_DIR, 'pods.json'),
);
