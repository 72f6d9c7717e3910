import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../rules/rule.ts';

/**
 * Parses a multi-document YAML stream (`kubectl kustomize` output) into objects; empty documents
 * are skipped. Throws an Error naming the document when one is not YAML or not a Kubernetes object.
 * @example parseObjects('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n')
 */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document, index) => {
    const [error] = document.errors;
    if (error !== undefined) throw new Error(`document ${index + 1}: ${error.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return [];
    if (!isObject(value)) {
      throw new Error(`document ${index + 1} is not a Kubernetes object (no apiVersion and kind)`);
    }
    return [value];
  });
}

function isObject(value: unknown): value is K8sObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind, metadata } = value as Record<string, unknown>;
  const metadataOk = metadata === undefined || (typeof metadata === 'object' && metadata !== null);
  return typeof apiVersion === 'string' && typeof kind === 'string' && metadataOk;
}
