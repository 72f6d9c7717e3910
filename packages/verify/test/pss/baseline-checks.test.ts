import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/pss/index.ts';
import { app, deniedBy, restrictedPod } from './pods.ts';

describe('baseline checks', () => {
  it('when a container is privileged, then privileged denies it', () => {
    const spec = restrictedPod();
    app(spec).securityContext = { privileged: true };

    expect(deniedBy(spec, 'baseline')).toEqual(['privileged']);
    expect(deniedBy(restrictedPod(), 'baseline')).toEqual([]);
  });

  it('when the pod shares host namespaces, then hostNamespaces names each one', () => {
    const spec = { ...restrictedPod(), hostNetwork: true, hostPID: true, hostIPC: false };

    const { violations } = evaluate({}, spec, { level: 'baseline' });

    expect(violations).toEqual([
      { check: 'hostNamespaces', message: 'host namespaces (hostNetwork=true, hostPID=true)' },
    ]);
  });

  it('when a volume is a hostPath, then hostPathVolumes denies it and emptyDir passes', () => {
    const hostPath = { ...restrictedPod(), volumes: [{ name: 'h', hostPath: { path: '/' } }] };
    const emptyDir = { ...restrictedPod(), volumes: [{ name: 'e', emptyDir: {} }] };

    expect(deniedBy(hostPath, 'baseline')).toEqual(['hostPathVolumes']);
    expect(deniedBy(emptyDir, 'baseline')).toEqual([]);
  });

  it('when a container sets a hostPort other than 0, then hostPorts denies it', () => {
    const spec = restrictedPod();
    app(spec).ports = [{ containerPort: 80, hostPort: 0 }];
    expect(deniedBy(spec, 'baseline')).toEqual([]);

    app(spec).ports = [{ containerPort: 80, hostPort: 8080 }];
    expect(deniedBy(spec, 'baseline')).toEqual(['hostPorts']);
  });

  it('when a probe sets a host, then hostProbesAndHostLifecycle denies it from v1.34 only', () => {
    const spec = restrictedPod();
    app(spec).livenessProbe = { httpGet: { port: 8080, host: '10.0.0.1' } };

    expect(deniedBy(spec, 'baseline', 'v1.33')).toEqual([]);
    expect(deniedBy(spec, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });

  it('when a lifecycle handler sets a host, then hostProbesAndHostLifecycle denies it', () => {
    const spec = restrictedPod();
    app(spec).lifecycle = { preStop: { tcpSocket: { port: 80, host: 'example.com' } } };
    expect(deniedBy(spec, 'baseline')).toEqual(['hostProbesAndHostLifecycle']);

    app(spec).lifecycle = { preStop: { tcpSocket: { port: 80, host: '' } } };
    expect(deniedBy(spec, 'baseline')).toEqual([]);
  });

  it('when AppArmor is unconfined by field or annotation, then appArmorProfile denies it', () => {
    const byField = restrictedPod();
    byField.securityContext = { appArmorProfile: { type: 'Unconfined' } };
    const annotation = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    const allowedAnnotation = {
      'container.apparmor.security.beta.kubernetes.io/app': 'localhost/x',
    };

    expect(deniedBy(byField, 'baseline')).toEqual(['appArmorProfile']);
    expect(deniedBy(restrictedPod(), 'baseline', 'latest', annotation)).toEqual([
      'appArmorProfile',
    ]);
    expect(deniedBy(restrictedPod(), 'baseline', 'latest', allowedAnnotation)).toEqual([]);
  });

  it('when a container adds a capability outside the default set, then capabilities_baseline denies it', () => {
    const spec = restrictedPod();
    app(spec).securityContext = { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE'] } };
    expect(deniedBy(spec, 'baseline')).toEqual([]);

    app(spec).securityContext = { capabilities: { add: ['NET_RAW'] } };
    expect(deniedBy(spec, 'baseline')).toEqual(['capabilities_baseline']);
  });

  it('when procMount is Unmasked, then procMount denies it unless the pod is in a user namespace from v1.35', () => {
    const spec = restrictedPod();
    app(spec).securityContext = { procMount: 'Unmasked' };
    const userNamespace = { ...spec, hostUsers: false };

    expect(deniedBy(spec, 'baseline')).toEqual(['procMount']);
    expect(deniedBy(userNamespace, 'baseline', 'v1.34')).toEqual(['procMount']);
    expect(deniedBy(userNamespace, 'baseline', 'v1.35')).toEqual([]);
  });

  it('when seLinuxOptions sets a user or an unlisted type, then seLinuxOptions denies it', () => {
    const spec = restrictedPod();
    spec.securityContext = { seLinuxOptions: { type: 'container_t' } };
    expect(deniedBy(spec, 'baseline')).toEqual([]);

    spec.securityContext = { seLinuxOptions: { user: 'system_u' } };
    expect(deniedBy(spec, 'baseline')).toEqual(['seLinuxOptions']);
  });

  it('when seLinuxOptions.type is container_engine_t, then seLinuxOptions allows it from v1.31', () => {
    const spec = restrictedPod();
    spec.securityContext = { seLinuxOptions: { type: 'container_engine_t' } };

    expect(deniedBy(spec, 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    expect(deniedBy(spec, 'baseline', 'v1.31')).toEqual([]);
  });

  it('when seccomp is Unconfined, then seccompProfile_baseline reads annotations before v1.19 and fields from v1.19', () => {
    const byField = restrictedPod();
    byField.securityContext = { seccompProfile: { type: 'Unconfined' } };
    const annotation = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };

    expect(deniedBy(byField, 'baseline', 'v1.18')).toEqual([]);
    expect(deniedBy(byField, 'baseline', 'v1.19')).toEqual(['seccompProfile_baseline']);
    expect(deniedBy(restrictedPod(), 'baseline', 'v1.18', annotation)).toEqual([
      'seccompProfile_baseline',
    ]);
    expect(deniedBy(restrictedPod(), 'baseline', 'v1.19', annotation)).toEqual([]);
  });

  it('when a sysctl joins the safe set in a later version, then sysctls allows it from that version', () => {
    const spec = restrictedPod();
    spec.securityContext = { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] };

    expect(deniedBy(spec, 'baseline', 'v1.28')).toEqual(['sysctls']);
    expect(deniedBy(spec, 'baseline', 'v1.29')).toEqual([]);
  });

  it('when a sysctl is outside the safe set, then sysctls names it', () => {
    const spec = restrictedPod();
    spec.securityContext = { sysctls: [{ name: 'kernel.msgmax', value: '1' }] };

    const { violations } = evaluate({}, spec, { level: 'baseline' });

    expect(violations).toEqual([
      { check: 'sysctls', message: 'forbidden sysctls (kernel.msgmax)' },
    ]);
  });

  it('when the pod or a container is a Windows HostProcess, then windowsHostProcess denies it', () => {
    const spec = restrictedPod();
    spec.securityContext = { windowsOptions: { hostProcess: true } };
    expect(deniedBy(spec, 'baseline')).toEqual(['windowsHostProcess']);

    spec.securityContext = { windowsOptions: { hostProcess: false } };
    expect(deniedBy(spec, 'baseline')).toEqual([]);
  });
});
