import { beforeAll, describe, expect, it } from 'vitest';
import { fieldPath } from '../../src/rules/field-path.ts';
import type { K8sObject } from '../../src/rules/rule.ts';
import { loadSchemaCatalog, type SchemaCatalog } from '../../src/schemas/catalog.ts';
import { validateObject } from '../../src/schemas/validate-object.ts';
import { compliantObjects, container, find } from '../rules/compliant.ts';

let catalog: SchemaCatalog;
beforeAll(async () => {
  catalog = await loadSchemaCatalog();
}, 60_000);

function problems(object: object): string[] {
  return validateObject(catalog, object as K8sObject).map(
    ({ path, message }) => `${fieldPath(path)}: ${message}`,
  );
}

describe('validateObject', () => {
  it('when every object of the compliant overlay is checked, then none has a problem', () => {
    expect(compliantObjects().flatMap(problems)).toEqual([]);
  });

  it('when a Deployment has an unknown field, then the problem names its path', () => {
    const objects = compliantObjects();
    Object.assign(container(objects), { readOnlyRootFileSystem: true });

    expect(problems(find(objects, 'Deployment'))).toEqual([
      'spec.template.spec.containers[0].readOnlyRootFileSystem: unknown field "readOnlyRootFileSystem"',
    ]);
  });

  it('when a field has the wrong type or a required one is missing, then both are named', () => {
    const objects = compliantObjects();
    const deployment = find(objects, 'Deployment');
    const spec = deployment.spec as unknown as Record<string, unknown>;
    spec.replicas = 'two';
    delete spec.selector;

    expect(problems(deployment)).toEqual([
      'spec.selector: is required',
      'spec.replicas: must be integer',
    ]);
  });

  it('when labels, annotations and ConfigMap data hold any keys, then they are not unknown fields', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { 'app.kubernetes.io/name': 'c' }, annotations: { x: 'y' } },
      data: { 'clients.json': '{}' },
    };

    expect(problems(configMap)).toEqual([]);
  });

  it('when a cert-manager Certificate is valid, then it passes, and an unknown spec field fails', () => {
    const certificate = {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'notes', namespace: 'bulkhead-notes' },
      spec: {
        secretName: 'notes-tls',
        dnsNames: ['notes.bulkhead-notes.svc'],
        usages: ['server auth', 'client auth'],
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
        issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      },
    };

    expect(problems(certificate)).toEqual([]);
    expect(problems({ ...certificate, spec: { ...certificate.spec, dnsName: 'x' } })).toEqual([
      'spec.dnsName: unknown field "dnsName"',
    ]);
  });

  it('when Gateway API and external-secrets objects are valid, then they pass', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'gateway' },
      spec: {
        parentRefs: [{ name: 'edge', sectionName: 'https' }],
        rules: [{ backendRefs: [{ name: 'gateway', port: 8443 }] }],
      },
    };
    const externalSecret = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'auth-clients' },
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        data: [{ secretKey: 'clients.json', remoteRef: { key: 'bulkhead/auth/clients' } }],
      },
    };

    expect([...problems(route), ...problems(externalSecret)]).toEqual([]);
  });

  it('when the kind has no known schema, then that is a problem, not a silent pass', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };

    expect(problems(widget)).toEqual(['kind: no schema known for Widget in example.com/v1']);
  });

  it('when a known kind has a wrong apiVersion, then it has no schema', () => {
    const deployment = { ...find(compliantObjects(), 'Deployment'), apiVersion: 'extensions/v1' };

    expect(problems(deployment)).toEqual(['kind: no schema known for Deployment in extensions/v1']);
  });

  describe('format: byte (Secret data)', () => {
    function secret(value: string): object {
      const metadata = { name: 'keys', namespace: 'bulkhead-auth' };
      return { apiVersion: 'v1', kind: 'Secret', metadata, data: { 'key.pem': value } };
    }
    const pem = Buffer.from('-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(120)).toString('base64');

    it('when kustomize wraps the base64 over several lines, then it passes as on the API server', () => {
      const wrapped = `${(pem.match(/.{1,76}/g) ?? []).join('\n')}\n`;

      expect(wrapped.split('\n').length).toBeGreaterThan(2);
      expect(problems(secret(wrapped))).toEqual([]);
      expect(problems(secret(wrapped.replaceAll('\n', '\r\n')))).toEqual([]);
    });

    it('when a value is not base64, then it still fails, wrapped or not', () => {
      expect(problems(secret('not base64!'))).toEqual([
        'data["key.pem"]: must match format "byte"',
      ]);
      expect(problems(secret(`${pem.slice(0, 8)}\n${pem.slice(8, 11)}`))).toEqual([
        'data["key.pem"]: must match format "byte"',
      ]);
      expect(problems(secret('YWJj ZA=='))).toEqual(['data["key.pem"]: must match format "byte"']);
    });
  });
});
