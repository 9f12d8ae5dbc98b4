import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineText, resolveBaseline } from '../../../src/output/results/baseline.js';

const CONFIGURATIONS = [
  { key: { 'model.activation': 'relu', 'model.alpha': null }, label: 'relu' },
  { key: { 'model.activation': 'leaky_relu', 'model.alpha': 0.01 }, label: 'leaky_relu alpha=0.01' },
  { key: { 'model.activation': 'leaky_relu', 'model.alpha': 0.3 }, label: 'leaky_relu alpha=0.3' },
];

test('resolveBaseline: none given is the first; a label as shown; a row number from 1; FIELD=VALUE with its typed value', () => {
  assert.deepEqual(resolveBaseline(CONFIGURATIONS, undefined), { kind: 'configuration', index: 0 });
  assert.deepEqual(resolveBaseline(CONFIGURATIONS, 'leaky_relu alpha=0.3'), { kind: 'configuration', index: 2 });
  assert.deepEqual(resolveBaseline(CONFIGURATIONS, '2'), { kind: 'configuration', index: 1 });
  assert.deepEqual(resolveBaseline(CONFIGURATIONS, 'model.activation=relu'), { kind: 'field', path: 'model.activation', value: 'relu' });
  // The number as the config holds it, however it is typed.
  assert.deepEqual(resolveBaseline(CONFIGURATIONS, 'model.alpha=0.010'), { kind: 'field', path: 'model.alpha', value: 0.01 });
  assert.equal(baselineText({ kind: 'field', path: 'model.alpha', value: 0.01 }, CONFIGURATIONS), 'model.alpha=0.01');
  assert.equal(baselineText({ kind: 'configuration', index: 1 }, CONFIGURATIONS), 'leaky_relu alpha=0.01');
});

test('resolveBaseline: anything else says what it accepts, in one line', () => {
  const expected =
    'no configuration "%s"; give FIELD=VALUE, e.g. model.activation=relu (each with its own), a label ("relu", "leaky_relu alpha=0.01", "leaky_relu alpha=0.3") or a row number from 1 to 3';
  for (const wanted of ['elu', '0', '4', '1.5', 'leaky_relu', 'alpha=0.3']) assert.equal(resolveBaseline(CONFIGURATIONS, wanted), expected.replace('%s', wanted));
  assert.equal(resolveBaseline(CONFIGURATIONS, 'model.activation=elu'), 'no configuration has model.activation=elu (its values: relu, leaky_relu)');
  assert.equal(resolveBaseline(CONFIGURATIONS, 'model.depth=4'), 'model.depth is not swept (swept: model.activation, model.alpha)');
  const many = Array.from({ length: 8 }, (_, i) => ({ key: { 'model.depth': i + 1 }, label: `depth=${i + 1}` }));
  assert.equal(
    resolveBaseline(many, 'x'),
    'no configuration "x"; give FIELD=VALUE, e.g. model.depth=1 (each with its own), a label ("depth=1", "depth=2", "depth=3", "depth=4", "depth=5", "depth=6", ...) or a row number from 1 to 8',
  );
});
