import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../k8s/render.ts';
import { issueSecrets, type IssuedSecrets } from './cert-manager.ts';
import { planPod, quantity } from './pod-plan.ts';
import { renderKindOverlay, type K8sObject } from './render.ts';

let work: string;
let objects: K8sObject[];
let issued: IssuedSecrets;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulkhead-pod-plan-'));
  ({ objects } = await renderKindOverlay(repoRoot, work));
  issued = await issueSecrets(objects);
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function deployment(name: string): K8sObject {
  const found = structuredClone(objects).find(
    (o) => o.kind === 'Deployment' && o.metadata.name === name,
  );
  if (found === undefined) throw new Error(`no Deployment ${name}`);
  return found;
}

/** The option values that follow `flag` in a docker run command line. */
function valuesOf(options: string[], flag: string): string[] {
  return options.flatMap((option, index) => (option === flag ? [options[index + 1] ?? ''] : []));
}

describe('planPod, for the kind overlay', () => {
  it("when notes is translated, then docker gets the pod spec's identity, hardening, limits, volumes and probes", () => {
    const plan = planPod(deployment('notes'), objects, issued.secrets, '1000:1000');

    expect(valuesOf(plan.options, '--user')).toEqual(['1000:1000']);
    expect(valuesOf(plan.options, '--group-add')).toEqual(['1000']);
    expect(plan.options).toContain('--read-only');
    expect(valuesOf(plan.options, '--cap-drop')).toEqual(['ALL']);
    expect(valuesOf(plan.options, '--security-opt')).toEqual(['no-new-privileges']);
    expect(valuesOf(plan.options, '--memory')).toEqual([String(256 * 2 ** 20)]);
    expect(valuesOf(plan.options, '--tmpfs')).toEqual([
      `/tmp:rw,exec,mode=0777,size=${64 * 2 ** 20}`,
    ]);
    expect(plan.claims).toEqual([['data', '/var/lib/notes']]);
    expect(
      plan.secretVolumes.map(({ mountPath, mode, group, files }) => ({
        mountPath,
        mode,
        group,
        files: Object.keys(files).sort(),
      })),
    ).toEqual([
      {
        mountPath: '/etc/bulkhead/tls',
        mode: 0o440,
        group: 1000,
        files: ['ca.crt', 'tls.crt', 'tls.key'],
      },
    ]);
    expect(plan.probes.startup).toMatchObject({
      scheme: 'HTTPS',
      port: 9090,
      path: '/livez',
      periodSeconds: 1,
      failureThreshold: 30,
    });
    expect([plan.preStopSeconds, plan.graceSeconds]).toEqual([5, 30]);
  });

  it('when a pod sets no seccomp profile, then it runs unconfined, as the kubelet runs it by default', () => {
    const notes = deployment('notes');
    const spec = (
      notes.spec as { template: { spec: { securityContext: { seccompProfile?: unknown } } } }
    ).template.spec;
    delete spec.securityContext.seccompProfile;

    const plan = planPod(notes, objects, issued.secrets, '1000:1000');

    expect(valuesOf(plan.options, '--security-opt')).toEqual([
      'no-new-privileges',
      'seccomp=unconfined',
    ]);
  });

  it('when an image runs as root and the pod sets no user, then runAsNonRoot refuses it; with the image’s 1000 it runs', () => {
    const auth = deployment('auth');
    delete (auth.spec as { template: { spec: { securityContext: { runAsUser?: number } } } })
      .template.spec.securityContext.runAsUser;

    expect(() => planPod(auth, objects, issued.secrets, '')).toThrow(
      'Deployment bulkhead-auth/auth: spec.template.spec.securityContext.runAsNonRoot: the container would run as root (uid 0)',
    );
    expect(() => planPod(auth, objects, issued.secrets, 'node')).toThrow('is not numeric');
    expect(valuesOf(planPod(auth, objects, issued.secrets, '1000:1000').options, '--user')).toEqual(
      [],
    );
  });

  it('when an env value comes from a Secret key that does not exist, then the error names the field', () => {
    const gateway = deployment('gateway');
    const [container] = (
      gateway.spec as { template: { spec: { containers: { env: unknown[] }[] } } }
    ).template.spec.containers;
    container?.env.push({
      name: 'LOG_LEVEL',
      valueFrom: { secretKeyRef: { name: 'gateway-tls', key: 'level' } },
    });

    expect(() => planPod(gateway, objects, issued.secrets, '1000:1000')).toThrow(
      /^Deployment bulkhead-gateway\/gateway: spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.valueFrom\.secretKeyRef: gateway-tls has no key "level"/,
    );
  });
});

describe('quantity', () => {
  it.each([
    ['64Mi', 64 * 2 ** 20],
    ['1', 1],
    ['500m', 0.5],
    ['1G', 1e9],
  ])('when given %s, then it is %d', (value, expected) => {
    expect(quantity(value)).toBe(expected);
  });
});
