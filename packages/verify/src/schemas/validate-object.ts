import { pointerSegments, type Segment } from '../rules/field-path.ts';
import { schemaKey, type SchemaCatalog } from './catalog.ts';
import { isApiServerBase64 } from './api-server-base64.ts';
import { findUnknownFields } from './unknown-fields.ts';

/** One way an object breaks its schema. */
export interface SchemaProblem {
  path: Segment[];
  message: string;
}

interface AjvError {
  instancePath: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Validates one object strictly: types, required fields and enums with the kubernetes-models
 * validator, plus every field the schema does not define. A kind without a schema is a problem.
 * @example validateObject(catalog, { apiVersion: 'v1', kind: 'Pod', spec: { bogus: 1 } })
 */
export function validateObject(
  catalog: SchemaCatalog,
  object: { apiVersion: string; kind: string },
): SchemaProblem[] {
  const model = catalog.get(schemaKey(object));
  if (model === undefined) {
    return [
      { path: ['kind'], message: `no schema known for ${object.kind} in ${object.apiVersion}` },
    ];
  }
  const validate = (data: unknown): void => {
    model.prototype.validate.call(data);
  };
  const problems = typeProblems(validate, object);
  for (const path of findUnknownFields(object, validate)) {
    problems.push({ path, message: `unknown field "${String(path.at(-1))}"` });
  }
  return problems;
}

function typeProblems(validate: (data: unknown) => void, object: unknown): SchemaProblem[] {
  try {
    validate(object);
    return [];
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors ?? [];
    return errors
      .filter((problem) => !acceptedByApiServer(problem, object))
      .map(({ instancePath, message = 'is invalid', params = {} }) => {
        const missing = params.missingProperty;
        const path = pointerSegments(instancePath);
        if (typeof missing === 'string')
          return { path: [...path, missing], message: 'is required' };
        const allowed = Array.isArray(params.allowedValues)
          ? `: ${params.allowedValues.join(', ')}`
          : '';
        return { path, message: `${message}${allowed}` };
      });
  }
}

/** A `format: byte` error on a value the API server decodes after all (wrapped base64). */
function acceptedByApiServer(
  { keyword, params, instancePath }: AjvError,
  object: unknown,
): boolean {
  if (keyword !== 'format' || params?.format !== 'byte') return false;
  const value = pointerSegments(instancePath).reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null
        ? (node as Record<Segment, unknown>)[key]
        : undefined,
    object,
  );
  return typeof value === 'string' && isApiServerBase64(value);
}
