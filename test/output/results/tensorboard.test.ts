import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedRun } from '../../../src/experiments/types.js';
import { runScalars, tensorboardNames } from '../../../src/output/results/tensorboard.js';
import { reluRun } from '../../helpers/records.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

test('runScalars: per epoch the run\'s metrics and each layer\'s dead fraction and grad norm; nulls left out', () => {
  const scalars = runScalars(reluRun());
  assert.deepEqual(
    scalars.filter((scalar) => scalar.step === 1),
    [
      { tag: 'loss', step: 1, value: 0.5 },
      { tag: 'train_accuracy', step: 1, value: 0.75 },
      // test_loss and test_accuracy are null at epoch 1.
      { tag: 'dead_fraction/all', step: 1, value: 0.25 },
      { tag: 'dead_fraction/layer_01', step: 1, value: 0.25 },
      { tag: 'dead_fraction/layer_02', step: 1, value: 0.25 },
      { tag: 'grad_norm/layer_01', step: 1, value: 0.3 },
      { tag: 'grad_norm/layer_02', step: 1, value: 0.05 },
    ],
  );
  assert.equal(scalars.filter((scalar) => scalar.step === 0).length, 9);
});

const planned = (runId: string, swept: Record<string, unknown>, seed = 1, name = 'deep'): PlannedRun => ({
  runId, index: 0, swept, config: { ...tinyRunConfig({ seed }), name },
});

test('tensorboardNames: the swept values in sweep order (names bare, numbers after a prefix), then the seed', () => {
  const names = tensorboardNames([
    planned('r001', { 'model.activation': 'leaky_relu', 'model.alpha': 0.1, seed: 3 }, 3),
    planned('r002', { 'model.activation': 'relu', 'model.alpha': null, seed: 3 }, 3),
    planned('r003', { 'training.learningRate': 0.001, 'model.init': 'he_normal', 'model.depth': 24 }, 2),
    planned('r004', { 'metrics.probeSize': 500 }),
  ]);
  assert.deepEqual([...names.values()], ['leaky_relu-a0.1-s3', 'relu-s3', 'lr0.001-he_normal-d24-s2', 'probeSize500-s1']);
});

test('tensorboardNames: no swept value: the experiment name leads; unsafe characters become _; clashes get the run id', () => {
  assert.deepEqual([...tensorboardNames([planned('r001', {}, 7)]).values()], ['deep-s7']);
  const names = tensorboardNames([
    planned('r001', { 'dataset.path': 'data/a b.csv' }),
    planned('r002', { 'dataset.path': 'data/a_b.csv' }),
    planned('r003', { 'dataset.path': 'c.csv' }),
  ]);
  assert.deepEqual([...names.values()], ['pathdata_a_b.csv-s1-r001', 'pathdata_a_b.csv-s1-r002', 'pathc.csv-s1']);
});
