import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { Activation } from '../../../src/experiments/config/schema.js';
import { probePositiveCounts } from '../../../src/experiments/training/measure.js';
import { buildMlp, disposeMlp, type Mlp } from '../../../src/experiments/model/mlp.js';
import { createRng } from '../../../src/experiments/rng.js';
import { isCollapsed, layerMetrics, overallDeadFraction, positiveCounts } from '../../../src/metrics/dead-units.js';
import { assertNoLeakedTensors, TEST_BACKENDS } from '../../helpers/tensors.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

const INPUT_DIM = 3;
const PROBES = 50;

/** The plain-loop reference: x·W + b, then the activation, per layer, from the variables' values. */
function referenceCounts(mlp: Mlp, rows: number[][]): number[][] {
  const alpha = mlp.config.alpha ?? 0;
  const act = (z: number) => (mlp.config.activation === 'relu' ? Math.max(0, z) : z > 0 ? z : alpha * z);
  let activations = rows;
  return mlp.hidden.map((layer) => {
    const kernel = layer.kernel.arraySync();
    const bias = layer.bias.arraySync();
    const z = activations.map((row) =>
      bias.map((b, unit) => row.reduce((sum, x, i) => sum + x * kernel[i][unit], b)),
    );
    activations = z.map((row) => row.map(act));
    return positiveCounts(z);
  });
}

const probeRows = (seed: number) => {
  const rng = createRng(seed, 'test-probe');
  return Array.from({ length: PROBES }, () => Array.from({ length: INPUT_DIM }, () => rng.normal()));
};

for (const backend of TEST_BACKENDS) {
  describe(`probePositiveCounts on ${backend}`, () => {
    before(() => useBackend(backend));

    for (const activation of ['relu', 'leaky_relu'] as Activation[]) {
      test(`${activation}: the tensor path equals the plain nested loop on a seeded MLP`, async () => {
        const config = tinyRunConfig({ model: { depth: 4, width: 7, activation } }).model;
        const mlp = buildMlp(config, INPUT_DIM, 2, 11);
        const rows = probeRows(11);
        const counts = await assertNoLeakedTensors(() => {
          const probe = tf.tensor2d(rows);
          const result = probePositiveCounts(mlp, probe);
          probe.dispose();
          return result;
        });
        assert.deepEqual(counts, referenceCounts(mlp, rows));
        // Not a vacuous match: some units are neither always on nor always off.
        assert.ok(counts.flat().some((count) => count > 0 && count < PROBES));
        disposeMlp(mlp);
      });
    }

    test('zero kernels with a negative bias leave every layer 100% dead and the network collapsed', () => {
      for (const activation of ['relu', 'leaky_relu'] as Activation[]) {
        const mlp = buildMlp(tinyRunConfig({ model: { depth: 4, width: 7, activation, biasInit: -1 } }).model, INPUT_DIM, 2, 1);
        for (const layer of mlp.hidden) tf.tidy(() => layer.kernel.assign(tf.zerosLike(layer.kernel)));
        const probe = tf.tensor2d(probeRows(1));
        const metrics = probePositiveCounts(mlp, probe).map((counts) => layerMetrics(counts, PROBES, 0.01));
        probe.dispose();
        disposeMlp(mlp);
        assert.deepEqual(metrics.map((layer) => layer.deadFraction), [1, 1, 1, 1], activation);
        assert.equal(isCollapsed(metrics), true);
        assert.equal(overallDeadFraction(metrics), 1);
      }
    });
  });
}
