/** Upper bounds on sizes, and `dataset.samples` defaulting to every row of a real dataset. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRawExperiment, validateExperiment } from '../../../src/experiments/config/load.js';
import { CONFIG_FIELDS, setPath } from '../../../src/experiments/config/paths.js';
import { BOUNDS, runConfigSchema } from '../../../src/experiments/config/schema.js';
import { ConfigError } from '../../../src/errors.js';

const PATHS: Record<keyof typeof BOUNDS, string> = {
  samples: 'dataset.samples',
  inputDim: 'dataset.inputDim',
  classes: 'dataset.classes',
  depth: 'model.depth',
  width: 'model.width',
  epochs: 'training.epochs',
  batchSize: 'training.batchSize',
  probeSize: 'metrics.probeSize',
};

const problemsOf = (content: Record<string, unknown>): readonly string[] => {
  try {
    validateExperiment(buildRawExperiment(content, 'c.json'));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

test('each bound is allowed, one more is refused with the rule, and the field says so', () => {
  for (const [name, path] of Object.entries(PATHS) as [keyof typeof BOUNDS, string][]) {
    const max = BOUNDS[name];
    // inputDim and classes apply to blobs, which chooses both.
    const base = { dataset: { kind: 'blobs' } };
    assert.deepEqual(problemsOf(setPath(base, path, max)), [], path);
    assert.deepEqual(problemsOf(setPath(base, path, max + 1)), [
      `c.json: ${path}: must be an integer <= ${max}, got ${max + 1}`,
    ]);
    const description = CONFIG_FIELDS.find((field) => field.path === path)!.description;
    assert.ok(description.includes(`at most ${max.toLocaleString('en-US')}`), `${path}: ${description}`);
  }
});

test('below the minimum the message is the one it always was', () => {
  assert.deepEqual(problemsOf({ model: { depth: 0 } }), ['c.json: model.depth: must be an integer >= 1, got 0']);
});

test('samples left out: every row of mnist, iris and csv; 2000 for the synthetic kinds', () => {
  const samplesOf = (dataset: object) => runConfigSchema.parse({ dataset }).dataset.samples;
  assert.deepEqual(
    ['mnist', 'iris'].map((kind) => samplesOf({ kind })),
    [null, null],
  );
  assert.equal(samplesOf({ kind: 'csv', path: 'x.csv', target: 0 }), null);
  assert.deepEqual(
    ['spirals', 'teacher', 'blobs'].map((kind) => samplesOf({ kind })),
    [2000, 2000, 2000],
  );
  assert.equal(samplesOf({ kind: 'mnist', samples: 500 }), 500);
  assert.equal(samplesOf({ kind: 'spirals', samples: null }), 2000);
});

test('a resolved dataset lists its keys in the order it always has, so old result folders read alike', () => {
  // header and skipRows came later: they come last.
  assert.deepEqual(Object.keys(runConfigSchema.parse({}).dataset), [
    'kind',
    'samples',
    'noise',
    'testFraction',
    'inputDim',
    'classes',
    'path',
    'target',
    'header',
    'skipRows',
  ]);
  assert.deepEqual(
    Object.keys(runConfigSchema.parse({ dataset: { kind: 'blobs', samples: 100, inputDim: 3 } }).dataset),
    ['kind', 'samples', 'inputDim', 'noise', 'testFraction', 'classes', 'path', 'target', 'header', 'skipRows'],
  );
});
