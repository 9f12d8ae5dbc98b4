/**
 * The packed optimizers against tf.train: R runs' parameters updated together, each with its own
 * learning rate (and momentum), must match tf.train run by run, step after step.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../src/experiments/config/schema.js';
import { makePackOptimizer } from '../../../src/experiments/training/optimizer.js';
import type { ParamGroup } from '../../../src/experiments/training/params.js';
import { assertNoLeakedTensors } from '../../helpers/tensors.js';

before(() => useBackend('cpu'));

/** tf.train's optimizer for one run: the reference. */
function makeOptimizer(training: RunConfig['training']): tf.Optimizer {
  switch (training.optimizer) {
    case 'sgd':
      return tf.train.sgd(training.learningRate);
    case 'momentum':
      return tf.train.momentum(training.learningRate, training.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(training.learningRate, 0.9, 0.999, 1e-7);
  }
}

const RATES = [0.001, 0.05, 0.3];
const MOMENTA = [0.9, 0.5, 0];

for (const optimizer of ['adam', 'momentum', 'sgd'] as const) {
  test(`${optimizer}: a pack's update equals tf.train's, run by run, over 5 steps`, () => {
    const training = RATES.map(
      (learningRate, r) =>
        runConfigSchema.parse({
          training: { optimizer, learningRate, ...(optimizer === 'momentum' ? { momentum: MOMENTA[r] } : {}) },
        }).training,
    );
    const references = training.map(makeOptimizer);
    {
      const R = RATES.length;
      // One run-first group [R, 4, 3] and one layer-first group [2, R, 1, 3].
      const start = [tf.randomNormal([R, 4, 3], 0, 1, 'float32', 1), tf.randomNormal([2, R, 1, 3], 0, 1, 'float32', 2)];
      const groups: ParamGroup[] = [
        { name: 'kin', value: start[0].clone(), runAxis: 0 },
        { name: 'bh', value: start[1].clone(), runAxis: 1 },
      ];
      const variables = RATES.map((_, r) => [
        tf.tidy(() => tf.variable(tf.gather(start[0], r))),
        tf.tidy(() => tf.variable(tf.gather(start[1], r, 1))),
      ]);
      const packed = makePackOptimizer(training);
      for (let step = 0; step < 5; step++) {
        const grads = [
          tf.randomNormal([R, 4, 3], 0, 1, 'float32', 10 + step),
          tf.randomNormal([2, R, 1, 3], 0, 1, 'float32', 20 + step),
        ];
        packed.apply(groups, grads);
        variables.forEach((vars, r) => {
          const named = { [vars[0].name]: tf.gather(grads[0], r), [vars[1].name]: tf.gather(grads[1], r, 1) };
          references[r].applyGradients(named);
          tf.dispose(Object.values(named));
        });
        tf.dispose(grads);
      }
      variables.forEach((vars, r) => {
        const mine = [tf.gather(groups[0].value, r), tf.gather(groups[1].value, r, 1)];
        // The same kernels on the same float32 numbers: equal, not merely close.
        assert.deepEqual(Array.from(mine[0].dataSync()), Array.from(vars[0].dataSync()), `run ${r} kernel`);
        assert.deepEqual(Array.from(mine[1].dataSync()), Array.from(vars[1].dataSync()), `run ${r} bias`);
        tf.dispose(mine);
      });
      packed.dispose();
      tf.dispose([...start, ...groups.map((group) => group.value), ...variables.flat()]);
    }
    references.forEach((reference) => reference.dispose());
  });
}

test('the packed optimizer leaves no tensor behind', async () => {
  await assertNoLeakedTensors(() => {
    const training = RATES.map((learningRate) => runConfigSchema.parse({ training: { learningRate } }).training);
    const groups: ParamGroup[] = [{ name: 'kin', value: tf.ones([RATES.length, 2, 2]), runAxis: 0 }];
    const optimizer = makePackOptimizer(training);
    for (let step = 0; step < 3; step++) {
      const grad = tf.onesLike(groups[0].value);
      optimizer.apply(groups, [grad]);
      grad.dispose();
    }
    optimizer.dispose();
    groups[0].value.dispose();
  });
});
