/**
 * Leaky ReLU with alpha = 0 is ReLU: same values (alpha·z = 0 for z <= 0) and the same gradient
 * (alpha = 0 where z <= 0). A pack of relu runs takes tf.relu forward and selects on its z > 0 mask
 * backward; a leaky run multiplies by kept slopes s = z > 0 ? 1 : alpha both ways. So agreement is
 * not by construction: a tiny config trained both ways on the cpu backend must give identical
 * records, every loss, accuracy, dead count and gradient norm of every epoch.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import type { EpochRecord } from '../../../src/experiments/types.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

async function records(config: RunConfig): Promise<EpochRecord[]> {
  const [{ epochs }] = await trainPack([{ config, dataset: loadDataset(config.dataset, config.seed, '.') }]);
  return epochs;
}

for (const [name, overrides] of [
  // A learning rate high enough that units die and the dead set changes between epochs.
  ['adam, spirals', { training: { learningRate: 0.05 } }],
  [
    'sgd, regression onto the teacher',
    { dataset: { kind: 'teacher', samples: 200 }, training: { optimizer: 'sgd', learningRate: 0.05 } },
  ],
] as const) {
  test(`${name}: leaky_relu with alpha 0 trains to exactly ReLU's records`, async () => {
    const relu = await records(tinyRunConfig({ ...overrides, model: { depth: 6, width: 8, activation: 'relu' } }));
    const leaky = await records(
      tinyRunConfig({ ...overrides, model: { depth: 6, width: 8, activation: 'leaky_relu', alpha: 0 } }),
    );
    assert.deepEqual(leaky, relu);
    // Not vacuous: some units are dead, and training moved the numbers.
    assert.ok(relu.some((record) => record.deadFraction > 0));
    assert.notEqual(relu[0].loss, relu[relu.length - 1].loss);
  });
}
