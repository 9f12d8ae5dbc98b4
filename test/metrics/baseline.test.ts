import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineIndices, defaultBaseline, fieldBaselineProblem, sameValue } from '../../src/metrics/baseline.js';

// depth × activation × alpha as planned: alpha collapses to null under relu.
const KEYS = [4, 24].flatMap((depth) => [
  { 'model.depth': depth, 'model.activation': 'relu', 'model.alpha': null },
  { 'model.depth': depth, 'model.activation': 'leaky_relu', 'model.alpha': 0.01 },
  { 'model.depth': depth, 'model.activation': 'leaky_relu', 'model.alpha': 0.3 },
]);

test('baselineIndices, field: each configuration with the baseline value and its other swept values; null (not applicable) matches', () => {
  // relu d4 (0) and relu d24 (3) are baselines; the leaky ones pair with relu of their own depth.
  assert.deepEqual(
    baselineIndices(KEYS, { kind: 'field', path: 'model.activation', value: 'relu' }),
    [-1, 0, 0, -1, 3, 3],
  );
  // Against depth 4: each depth-24 configuration with its own activation and alpha.
  assert.deepEqual(baselineIndices(KEYS, { kind: 'field', path: 'model.depth', value: 4 }), [-1, -1, -1, 0, 1, 2]);
  // Against alpha 0.3: relu has no alpha (null), so no baseline; alpha 0.01 pairs within its depth.
  assert.deepEqual(baselineIndices(KEYS, { kind: 'field', path: 'model.alpha', value: 0.3 }), [-1, 2, -1, -1, 5, -1]);
  // A value no configuration has: nothing to compare.
  assert.deepEqual(
    baselineIndices(KEYS, { kind: 'field', path: 'model.activation', value: 'elu' }),
    [-1, -1, -1, -1, -1, -1],
  );
});

test('baselineIndices, configuration: one baseline for all, as before (the first, by default)', () => {
  assert.deepEqual(baselineIndices(KEYS, { kind: 'configuration', index: 0 }), [-1, 0, 0, 0, 0, 0]);
  assert.deepEqual(baselineIndices(KEYS, { kind: 'configuration', index: 4 }), [4, 4, 4, 4, -1, 4]);
});

test('baselineIndices prefers an exact match over one through a null', () => {
  const keys = [
    { 'model.init': 'rai', 'model.biasInit': null },
    { 'model.init': 'he_normal', 'model.biasInit': 0 },
    { 'model.init': 'he_normal', 'model.biasInit': 0.1 },
    { 'model.init': 'glorot_uniform', 'model.biasInit': 0.1 },
  ];
  assert.deepEqual(baselineIndices(keys, { kind: 'field', path: 'model.init', value: 'he_normal' }), [-1, -1, -1, 2]);
});

test('defaultBaseline: model.activation when it varies, else the first swept field that does; seed never', () => {
  assert.equal(
    defaultBaseline({ 'model.depth': [4, 24], 'model.activation': ['relu', 'leaky_relu'], seed: [1, 2] }),
    'model.activation=relu',
  );
  assert.equal(
    defaultBaseline({ 'model.activation': ['leaky_relu'], 'model.alpha': [0, 0.01, 0.3], seed: [1] }),
    'model.alpha=0',
  );
  assert.equal(defaultBaseline({ seed: [1, 2, 3], 'model.depth': [8], 'model.width': [2, 4] }), 'model.width=2');
  assert.equal(defaultBaseline({ seed: [1, 2, 3] }), null);
  assert.equal(defaultBaseline({}), null);
});

test('fieldBaselineProblem: the field must be swept (not the seed) and the value one of its values', () => {
  const sweep = { 'model.activation': ['relu', 'leaky_relu'], 'model.alpha': [0.01, 0.3], seed: [1, 2] };
  const known = (path: string) => ['model.activation', 'model.alpha', 'model.depth', 'seed'].includes(path);
  assert.equal(fieldBaselineProblem('model.activation=relu', sweep, known), null);
  assert.equal(fieldBaselineProblem('model.alpha=0.30', sweep, known), null);
  assert.equal(
    fieldBaselineProblem('model.depth=4', sweep, known),
    'model.depth is not swept (swept: model.activation, model.alpha)',
  );
  assert.equal(
    fieldBaselineProblem('model.activation=elu', sweep, known),
    'model.activation=elu: model.activation is swept over relu, leaky_relu',
  );
  assert.equal(
    fieldBaselineProblem('seed=1', sweep, known),
    'seed pairs the runs of a comparison; name another swept field, e.g. model.activation=relu',
  );
  // Labels and row numbers are not FIELD=VALUE: checked against the plan instead.
  assert.equal(fieldBaselineProblem('leaky_relu alpha=0.3', sweep, known), null);
  assert.equal(fieldBaselineProblem('alpha=0.3', sweep, known), null);
  assert.equal(fieldBaselineProblem('2', sweep, known), null);
});

test('sameValue: numbers by value, everything else by text', () => {
  assert.ok(
    sameValue('0.010', 0.01) &&
      sameValue('1e-2', 0.01) &&
      !sameValue('', 0) &&
      sameValue('relu', 'relu') &&
      sameValue('true', true),
  );
  assert.ok(!sameValue('Relu', 'relu') && !sameValue('0.02', 0.01));
});
