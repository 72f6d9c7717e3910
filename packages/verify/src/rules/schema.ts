import type { SchemaCatalog } from '../schemas/catalog.ts';
import { validateObject } from '../schemas/validate-object.ts';
import type { Rule } from './rule.ts';

/**
 * Every object against its schema, strictly: wrong types, missing required fields and unknown
 * fields (a typo such as `readOnlyRootFileSystem` silently drops the setting) are errors, and so is
 * a kind no schema describes, because nothing then checks it.
 */
export function schemaRule(catalog: SchemaCatalog): Rule {
  return {
    id: 'schema',
    severity: 'error',
    reason:
      'The API server drops fields it does not know, so a misspelt security setting is silently lost; a kind without a schema cannot be checked at all.',
    fix: 'correct the field to match the API reference (kubectl explain <kind>.<field>); for a new CRD, add its @kubernetes-models package',
    check: (objects) =>
      objects.flatMap((object) =>
        validateObject(catalog, object).map(({ path, message }) => ({ object, path, message })),
      ),
  };
}
