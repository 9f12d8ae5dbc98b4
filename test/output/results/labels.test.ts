import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configurationLabel } from '../../../src/output/results/labels.js';

test('configurationLabel: activation bare, other paths by their last part, nulls dropped', () => {
  const key = { 'model.activation': 'leaky_relu', 'model.alpha': 0.01, 'model.depth': 20 };
  assert.equal(configurationLabel(key, 'fallback'), 'leaky_relu alpha=0.01 depth=20');
  assert.equal(configurationLabel({ 'model.activation': 'relu', 'model.alpha': null }, 'fallback'), 'relu');
  assert.equal(configurationLabel({}, 'experiment'), 'experiment');
});
