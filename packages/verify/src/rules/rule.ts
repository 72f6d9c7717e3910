import type { TypedObject } from '../manifests/index.ts';
import { fieldPath, type Segment } from './field-path.ts';

/** An `error` fails `bulkhead verify`; a `warning` is printed and does not. */
export type Severity = 'error' | 'warning';

/** A rendered Kubernetes object: it always names its apiVersion and kind. */
export type K8sObject = TypedObject;

/** What a check reports: which object, where in it, and what is wrong. */
export interface Problem {
  object: K8sObject;
  path: readonly Segment[];
  message: string;
  /** Overrides the rule's fix when this case needs a more precise one. */
  fix?: string;
}

/**
 * An overlay in two layers: the cluster layer, applied once by a cluster admin, and the app layer,
 * which the deployer role applies. Rules see both layers' objects together, and this beside them.
 */
export interface Layers {
  app: readonly K8sObject[];
}

/** A check over every object of one render (one overlay). */
export interface Rule {
  /** kebab-case, stable: users search for it and may quote it in reviews. */
  id: string;
  severity: Severity;
  /** Why it matters, in one or two sentences. */
  reason: string;
  /** How to fix it, said once for every finding. */
  fix: string;
  check(objects: readonly K8sObject[], layers?: Layers): Problem[];
}

/** One broken rule at one place, ready to print. */
export interface Finding {
  rule: string;
  severity: Severity;
  object: { kind: string; namespace: string; name: string };
  path: string;
  message: string;
  fix: string;
}

/**
 * Runs every rule over the objects (and, for a layered overlay, its app layer). A rule that throws on a malformed object (the `schema` rule
 * already names what is wrong with it) is reported as an error instead of ending the run.
 * @example runRules(objects, await loadRules()).filter((f) => f.severity === 'error')
 */
export function runRules(
  objects: readonly K8sObject[],
  rules: readonly Rule[],
  layers?: Layers,
): Finding[] {
  return rules.flatMap((rule) => {
    try {
      return rule.check(objects, layers).map((problem) => toFinding(rule, problem));
    } catch (error) {
      const message = `could not check the objects: ${(error as Error).message}`;
      return [
        {
          rule: rule.id,
          severity: 'error' as const,
          object: noObject,
          path: '',
          message,
          fix: 'fix the schema findings first',
        },
      ];
    }
  });
}

const noObject = { kind: '', namespace: '', name: '' };

function toFinding(rule: Rule, { object, path, message, fix = rule.fix }: Problem): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    object: objectRef(object),
    path: fieldPath(path),
    message,
    fix,
  };
}

/** Kind, namespace and name of an object (empty strings where the object has none). */
export function objectRef(object: K8sObject): Finding['object'] {
  const { name = '', namespace = '' } = object.metadata ?? {};
  return { kind: object.kind, namespace, name };
}
