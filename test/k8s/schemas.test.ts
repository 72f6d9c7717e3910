import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { repoRoot } from './render.ts';

// The upstream JSON Schemas are copied data that CI keeps beside the repository; a clone has none.
const schemas = join(repoRoot, '../shared/schemas');
const haveSchemas = existsSync(schemas);
if (!haveSchemas) console.warn(`skipping the schema tests: ${schemas} does not exist`);

function validatorFor(schemaFile: string, options: Options = {}) {
  // Upstream schemas carry editor keywords (markdownDescription, x-intellij-…): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true, ...options });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(schemas, schemaFile), 'utf8')) as object);
}

function yamlOf(file: string): unknown {
  return parse(readFileSync(join(repoRoot, file), 'utf8'), { merge: true });
}

describe.runIf(haveSchemas)('config files against their upstream JSON Schemas', () => {
  it('when skaffold.yaml is validated against skaffold/v4beta14, then it has no error', () => {
    const validate = validatorFor('skaffold-v4beta14.json');

    validate(yamlOf('skaffold.yaml'));

    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(['.github/workflows/ci.yml', '.github/workflows/e2e-kind.yml'])(
    'when %s is validated against the GitHub workflow schema, then it has no error',
    (workflow) => {
      const validate = validatorFor('github-workflow.json');

      validate(yamlOf(workflow));

      expect(validate.errors ?? []).toEqual([]);
    },
  );

  it('when docker-compose.yml is validated against the Compose Specification, then it has no error', () => {
    // The schema names its meta-schema by an https URL Ajv does not bundle, so it is not checked.
    const validate = validatorFor('compose-spec.json', { validateSchema: false });

    validate(yamlOf('docker-compose.yml'));

    expect(validate.errors ?? []).toEqual([]);
  });

  it('when a workflow has a misspelt key, then the schema rejects it', () => {
    const validate = validatorFor('github-workflow.json');

    expect(validate({ on: 'push', jobs: { test: { 'runs-onn': 'ubuntu-24.04' } } })).toBe(false);
  });
});
