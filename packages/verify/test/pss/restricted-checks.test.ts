import { describe, expect, it } from 'vitest';
import { evaluate, type PodSpec } from '../../src/pss/index.ts';
import { app, deniedBy, restrictedPod } from './pods.ts';

function windows(spec: PodSpec): PodSpec {
  return { ...spec, os: { name: 'windows' } };
}

describe('restricted checks', () => {
  it('when the pod keeps every rule, then restricted allows it at every version', () => {
    for (const version of ['v1.0', 'v1.19', 'v1.25', 'latest']) {
      expect(deniedBy(restrictedPod(), 'restricted', version)).toEqual([]);
    }
  });

  it('when allowPrivilegeEscalation is not false, then allowPrivilegeEscalation denies it from v1.8', () => {
    const spec = restrictedPod();
    delete app(spec).securityContext?.allowPrivilegeEscalation;

    expect(deniedBy(spec, 'restricted', 'v1.7')).toEqual([]);
    expect(deniedBy(spec, 'restricted', 'v1.8')).toEqual(['allowPrivilegeEscalation']);
  });

  it('when a container does not drop ALL, then capabilities_restricted denies it from v1.22', () => {
    const spec = restrictedPod();
    app(spec).securityContext = { allowPrivilegeEscalation: false };

    expect(deniedBy(spec, 'restricted', 'v1.21')).toEqual([]);
    expect(deniedBy(spec, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
  });

  it('when a container adds NET_RAW, then capabilities_restricted replaces capabilities_baseline from v1.22', () => {
    const spec = restrictedPod();
    app(spec).securityContext = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['NET_RAW'] },
    };

    expect(deniedBy(spec, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
    expect(deniedBy(spec, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
  });

  it('when a container adds only NET_BIND_SERVICE, then capabilities_restricted allows it', () => {
    const spec = restrictedPod();
    app(spec).securityContext = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    };

    expect(deniedBy(spec, 'restricted')).toEqual([]);
  });

  it('when a Windows pod omits Linux-only fields, then it is exempt from v1.25', () => {
    const spec = windows(restrictedPod());
    spec.securityContext = { runAsNonRoot: true };
    app(spec).securityContext = {};
    const linuxOnly = [
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ];

    expect(deniedBy(spec, 'restricted', 'v1.24')).toEqual(linuxOnly);
    expect(deniedBy(spec, 'restricted', 'v1.25')).toEqual([]);
  });

  it('when procMount is Unmasked in a user namespace, then procMount_restricted still denies it from v1.35', () => {
    const spec = { ...restrictedPod(), hostUsers: false };
    app(spec).securityContext = { ...app(spec).securityContext, procMount: 'Unmasked' };

    expect(deniedBy(spec, 'restricted', 'v1.34')).toEqual(['procMount']);
    expect(deniedBy(spec, 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
    expect(deniedBy(spec, 'baseline', 'v1.35')).toEqual([]);
  });

  it('when a volume is not a restricted type, then restrictedVolumes replaces hostPathVolumes', () => {
    const spec = {
      ...restrictedPod(),
      volumes: [
        { name: 'host', hostPath: { path: '/' } },
        { name: 'share', nfs: { server: 'nfs', path: '/' } },
      ],
    };

    const { violations } = evaluate({}, spec, { level: 'restricted' });

    expect(violations).toEqual([
      {
        check: 'restrictedVolumes',
        message:
          'restricted volume types (volumes "host", "share" use restricted volume types "hostPath", "nfs")',
      },
    ]);
  });

  it('when volumes are configMap, secret, projected, PVC, CSI or ephemeral, then restrictedVolumes allows them', () => {
    const spec = {
      ...restrictedPod(),
      volumes: [
        { name: 'a', configMap: { name: 'c' } },
        { name: 'b', secret: { secretName: 's' } },
        { name: 'c', projected: { sources: [] } },
        { name: 'd', persistentVolumeClaim: { claimName: 'p' } },
        { name: 'e', csi: { driver: 'd' } },
        { name: 'f', ephemeral: {} },
      ],
    };

    expect(deniedBy(spec, 'restricted')).toEqual([]);
  });

  it('when runAsNonRoot is missing or false, then runAsNonRoot denies it', () => {
    const missing = restrictedPod();
    missing.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
    const containerFalse = restrictedPod();
    app(containerFalse).securityContext = {
      ...app(containerFalse).securityContext,
      runAsNonRoot: false,
    };

    expect(deniedBy(missing, 'restricted')).toEqual(['runAsNonRoot']);
    expect(evaluate({}, containerFalse, { level: 'restricted' }).violations).toEqual([
      {
        check: 'runAsNonRoot',
        message:
          'runAsNonRoot != true (container "app" must not set securityContext.runAsNonRoot=false)',
      },
    ]);
  });

  it('when a user-namespace pod omits runAsNonRoot, then it is denied at v1.34 and allowed at v1.35', () => {
    const spec = { ...restrictedPod(), hostUsers: false };
    spec.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };

    expect(deniedBy(spec, 'restricted', 'v1.34')).toEqual(['runAsNonRoot']);
    expect(deniedBy(spec, 'restricted', 'v1.35')).toEqual([]);
  });

  it('when runAsUser is 0, then runAsUser denies it from v1.23, except in a user namespace from v1.35', () => {
    const spec = restrictedPod();
    app(spec).securityContext = { ...app(spec).securityContext, runAsUser: 0 };
    const userNamespace = { ...spec, hostUsers: false };

    expect(deniedBy(spec, 'restricted', 'v1.22')).toEqual([]);
    expect(deniedBy(spec, 'restricted', 'v1.23')).toEqual(['runAsUser']);
    expect(deniedBy(userNamespace, 'restricted', 'v1.34')).toEqual(['runAsUser']);
    expect(deniedBy(userNamespace, 'restricted', 'v1.35')).toEqual([]);
  });

  it('when no seccomp profile is set, then seccompProfile_restricted denies it from v1.19', () => {
    const spec = restrictedPod();
    spec.securityContext = { runAsNonRoot: true };

    expect(deniedBy(spec, 'restricted', 'v1.18')).toEqual([]);
    expect(deniedBy(spec, 'restricted', 'v1.19')).toEqual(['seccompProfile_restricted']);
  });

  it('when every container sets Localhost instead of the pod, then seccompProfile_restricted allows it', () => {
    const spec = restrictedPod();
    spec.securityContext = { runAsNonRoot: true };
    app(spec).securityContext = {
      ...app(spec).securityContext,
      seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' },
    };

    expect(deniedBy(spec, 'restricted')).toEqual([]);
  });
});
