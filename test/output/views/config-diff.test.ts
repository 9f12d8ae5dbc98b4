import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import { configDifferences, differenceLine } from '../../../src/output/views/config-diff.js';

const config = (input: Record<string, unknown>, sweep: Record<string, unknown[]> = {}) => ({
  ...runConfigSchema.parse(input),
  sweep,
});

test("configDifferences: the fields that differ, in the schema's order; a swept field as its list of values", () => {
  const a = config({ name: 'deep', training: { learningRate: 0.01 } }, { 'model.alpha': [0.01, 0.3], seed: [1, 2, 3] });
  const b = config(
    { name: 'deep', training: { learningRate: 0.001 }, model: { alpha: 0.01, activation: 'leaky_relu' } },
    { seed: [1, 2, 3] },
  );
  assert.deepEqual(configDifferences(a, b).map(differenceLine), [
    'model.activation: relu vs leaky_relu',
    'model.alpha: [0.01, 0.3] vs 0.01',
    'training.learningRate: 0.01 vs 0.001',
  ]);
  assert.deepEqual(configDifferences(a, a), []);
});
