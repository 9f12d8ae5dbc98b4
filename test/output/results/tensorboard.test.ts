import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScalars } from '../../../src/output/results/tensorboard.js';
import { reluRun } from '../../helpers/records.js';

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
