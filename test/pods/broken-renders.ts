import { baseImage } from '../containers/images.ts';
import type { K8sObject } from './render.ts';

/** One setting broken on purpose, and what the failure must name: the object and the field. */
export interface BrokenRender {
  what: string;
  expect: { object: string; field: string };
  breaks: (objects: K8sObject[]) => void;
}

interface PodSpec {
  containers: {
    env: { name: string; value?: string }[];
    readinessProbe: { httpGet: { scheme: string } };
    resources: { limits: { memory: string } };
    volumeMounts: { name: string; mountPath: string }[];
  }[];
  volumes: { name: string }[];
}

function podSpec(objects: K8sObject[], name: string): PodSpec {
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
  if (deployment === undefined) throw new Error(`no Deployment ${name} in the render`);
  return (deployment.spec as { template: { spec: PodSpec } }).template.spec;
}

function container(objects: K8sObject[], name: string) {
  const [first] = podSpec(objects, name).containers;
  if (first === undefined) throw new Error(`Deployment ${name} has no container`);
  return first;
}

/** The mistakes that pass every static rule and fail on the first real cluster. */
export const brokenRenders: BrokenRender[] = [
  {
    what: 'a misspelt env name (gateway TLS_CERT_FILE → TLS_CERT_PATH)',
    expect: {
      object: 'Deployment bulkhead-gateway/gateway',
      field: 'spec.template.spec.containers[0].env',
    },
    breaks: (objects) => {
      const variable = container(objects, 'gateway').env.find((v) => v.name === 'TLS_CERT_FILE');
      if (variable === undefined) throw new Error('gateway sets no TLS_CERT_FILE');
      variable.name = 'TLS_CERT_PATH';
    },
  },
  {
    what: 'an image that runs as root under runAsNonRoot (auth on the bare base image, no runAsUser)',
    expect: {
      object: 'Deployment bulkhead-auth/auth',
      field: 'spec.template.spec.securityContext.runAsNonRoot',
    },
    breaks: (objects) => {
      const spec = podSpec(objects, 'auth') as PodSpec & {
        securityContext: { runAsUser?: number };
      };
      delete spec.securityContext.runAsUser;
      for (const each of spec.containers as { image?: string }[]) each.image = baseImage;
    },
  },
  {
    what: 'a readiness probe on the wrong scheme (notes HTTPS → HTTP)',
    expect: {
      object: 'Deployment bulkhead-notes/notes',
      field: 'spec.template.spec.containers[0].readinessProbe',
    },
    breaks: (objects) => {
      container(objects, 'notes').readinessProbe.httpGet.scheme = 'HTTP';
    },
  },
  {
    what: "the /tmp emptyDir removed (auth's read-only root keeps nowhere to write)",
    expect: { object: 'Deployment bulkhead-auth/auth', field: 'spec.template.spec.volumes' },
    breaks: (objects) => {
      const spec = podSpec(objects, 'auth');
      spec.volumes = spec.volumes.filter((volume) => volume.name !== 'tmp');
      for (const each of spec.containers) {
        each.volumeMounts = each.volumeMounts.filter((mount) => mount.name !== 'tmp');
      }
    },
  },
  {
    what: 'a Certificate without the name gateway dials (notes.bulkhead-notes.svc)',
    expect: { object: 'Certificate bulkhead-notes/notes', field: 'spec.dnsNames' },
    breaks: (objects) => {
      const certificate = objects.find(
        (o) => o.kind === 'Certificate' && o.metadata.name === 'notes',
      );
      const spec = certificate?.spec as { dnsNames: string[] } | undefined;
      if (spec === undefined) throw new Error('no Certificate notes in the render');
      spec.dnsNames = spec.dnsNames.filter((name) => name !== 'notes.bulkhead-notes.svc');
    },
  },
  {
    what: 'a memory limit below the heap setting (gateway 128Mi, heap 192 MiB)',
    expect: {
      object: 'Deployment bulkhead-gateway/gateway',
      field: 'spec.template.spec.containers[0].resources.limits.memory',
    },
    breaks: (objects) => {
      container(objects, 'gateway').resources.limits.memory = '128Mi';
    },
  },
];
