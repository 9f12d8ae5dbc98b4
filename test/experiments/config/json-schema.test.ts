/**
 * The JSON Schema generated from the zod schema: committed as configs/schema.json, it accepts every
 * config this repository ships (which the loader accepts too) and rejects what the loader rejects
 * by shape: misspelt keys, unknown values, sweeps of unknown paths. Checked with ajv, a real validator.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { configJsonSchema, configJsonSchemaText } from '../../../src/experiments/config/json-schema.js';
import { loadExperiment, readConfigFile } from '../../../src/experiments/config/load.js';
import { CONFIG_FIELDS } from '../../../src/experiments/config/paths.js';
import { experimentConfigSchema } from '../../../src/experiments/config/schema.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const validate = new Ajv({ allErrors: true }).compile(configJsonSchema());

/** ajv's verdict on `config` as one readable string per error, [] when valid. */
function errors(config: unknown): string[] {
  validate(config);
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

const SHIPPED = [
  ...readdirSync(join(ROOT, 'configs'))
    .filter((file) => /\.(json|ya?ml)$/.test(file) && file !== 'schema.json')
    .map((file) => `configs/${file}`),
  ...readdirSync(join(ROOT, 'test/fixtures'))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `test/fixtures/${file}`),
];

test('configs/schema.json is what the schema gives (if not: npm run docs)', () => {
  assert.equal(
    readFileSync(join(ROOT, 'configs/schema.json'), 'utf8'),
    configJsonSchemaText(),
    'configs/schema.json differs from src/experiments/config/schema.ts: run `npm run docs` and commit configs/schema.json',
  );
});

describe('every config shipped here is valid, and the loader agrees', () => {
  test('there are configs to check', () => {
    assert.ok(
      SHIPPED.includes('configs/deep.json') && SHIPPED.includes('test/fixtures/reference.yaml'),
      SHIPPED.join(', '),
    );
  });
  for (const path of SHIPPED) {
    test(path, () => {
      assert.deepEqual(errors(readConfigFile(path, ROOT)), []);
      assert.doesNotThrow(() => loadExperiment(path, {}, ROOT));
    });
  }
});

describe('valid beyond the shipped configs', () => {
  test('{}, a $schema key, and a resolved config with every default and null filled in', () => {
    assert.deepEqual(errors({}), []);
    assert.deepEqual(errors({ $schema: './schema.json' }), []);
    assert.deepEqual(errors(experimentConfigSchema.parse({})), []);
    const { runs: _runs, ...resolved } = JSON.parse(
      readFileSync(join(ROOT, 'test/fixtures/reference-result/config.resolved.json'), 'utf8'),
    );
    assert.deepEqual(errors(resolved), []);
  });

  test("every settable path can be swept, with that field's own values", () => {
    const sweep = (configJsonSchema().properties as Record<string, { properties: Record<string, unknown> }>).sweep;
    assert.deepEqual(
      Object.keys(sweep.properties),
      CONFIG_FIELDS.map((field) => field.path),
    );
    assert.deepEqual(
      errors({ sweep: { 'model.alpha': [0, 0.3], 'dataset.target': ['y', 2], 'training.momentum': [0.5] } }),
      [],
    );
  });
});

describe('rejected', () => {
  test('a misspelt key, at the top, in a section or in the sweep', () => {
    assert.deepEqual(errors({ modle: { depth: 3 } }), [
      '/ must NOT have additional properties {"additionalProperty":"modle"}',
    ]);
    assert.deepEqual(errors({ model: { dpeth: 3 } }), [
      '/model must NOT have additional properties {"additionalProperty":"dpeth"}',
    ]);
    assert.deepEqual(errors({ sweep: { 'model.dept': [1] } }), [
      '/sweep must NOT have additional properties {"additionalProperty":"model.dept"}',
    ]);
  });

  test("a value outside its field's rule, set or swept", () => {
    assert.deepEqual(errors({ model: { activation: 'relu6' } }), [
      '/model/activation must be equal to one of the allowed values {"allowedValues":["relu","leaky_relu","prelu","elu","selu","gelu","silu","tanh"]}',
    ]);
    assert.deepEqual(errors({ model: { depth: 0 } }), ['/model/depth must be >= 1 {"comparison":">=","limit":1}']);
    // A numeric field's entry is a list or a range: ajv reports why each form fails, then the anyOf.
    const neither = (path: string) => [
      `/sweep/${path} must be object {"type":"object"}`,
      `/sweep/${path} must match a schema in anyOf {}`,
    ];
    assert.deepEqual(errors({ sweep: { 'model.depth': [2, 1.5] } }), [
      '/sweep/model.depth/1 must be integer {"type":"integer"}',
      ...neither('model.depth'),
    ]);
    assert.deepEqual(errors({ sweep: { seed: [] } }), [
      '/sweep/seed must NOT have fewer than 1 items {"limit":1}',
      ...neither('seed'),
    ]);
    assert.deepEqual(errors({ sweep: { 'model.alpha': [null] } }), [
      '/sweep/model.alpha/0 must be number {"type":"number"}',
      ...neither('model.alpha'),
    ]);
    assert.deepEqual(errors({ sweep: { 'model.activation': ['relu', 'swish'] } }), [
      '/sweep/model.activation/1 must be equal to one of the allowed values {"allowedValues":["relu","leaky_relu","prelu","elu","selu","gelu","silu","tanh"]}',
    ]);
  });

  test("a sweep range: integers within the field's rule, both ends, nothing else, and only for numeric fields", () => {
    assert.deepEqual(errors({ sweep: { seed: { from: 1, to: 1000 }, 'model.depth': { from: 2, to: 5 } } }), []);
    const notList = (path: string) => [`/sweep/${path} must be array {"type":"array"}`];
    const noMatch = (path: string) => [`/sweep/${path} must match a schema in anyOf {}`];
    assert.deepEqual(errors({ sweep: { seed: { from: 1 } } }), [
      ...notList('seed'),
      '/sweep/seed must have required property \'to\' {"missingProperty":"to"}',
      ...noMatch('seed'),
    ]);
    assert.deepEqual(errors({ sweep: { seed: { from: 1, to: 2, step: 1 } } }), [
      ...notList('seed'),
      '/sweep/seed must NOT have additional properties {"additionalProperty":"step"}',
      ...noMatch('seed'),
    ]);
    assert.deepEqual(errors({ sweep: { 'model.depth': { from: 0, to: 3 } } }), [
      ...notList('model.depth'),
      '/sweep/model.depth/from must be >= 1 {"comparison":">=","limit":1}',
      ...noMatch('model.depth'),
    ]);
    assert.deepEqual(errors({ sweep: { 'model.activation': { from: 1, to: 2 } } }), [
      '/sweep/model.activation must be array {"type":"array"}',
    ]);
  });
});

test('the example configs point editors at the schema', () => {
  for (const file of readdirSync(join(ROOT, 'configs'))) {
    const text = readFileSync(join(ROOT, 'configs', file), 'utf8');
    const line = '# yaml-language-server: $schema=./schema.json';
    if (/\.ya?ml$/.test(file))
      assert.equal(text.split('\n')[0], line, `configs/${file}: its first line should be ${line}`);
    else if (file !== 'schema.json')
      assert.equal(
        JSON.parse(text).$schema,
        './schema.json',
        `configs/${file}: should hold "$schema": "./schema.json"`,
      );
  }
});
