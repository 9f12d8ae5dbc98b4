/**
 * With zero biases, a hidden layer maps a nonzero input to all zeros with probability exactly 2^-N
 * (N units, symmetric weights), whatever reached it, as long as what reached it is not already
 * zero: each unit's w·h is a symmetric continuous variable, independent across units given h. So
 * one fixed input is zeroed by some layer of H with probability exactly 1 − (1 − 2^-N)^H, for any
 * input dimension. Checked on many seeded networks from our own builder and probe measurement:
 * the share of networks with a layer all ≤ 0 at that input must sit within a 99.9% binomial bound.
 */
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { buildMlp, disposeMlp } from '../../../src/experiments/model/mlp.js';
import { probePositiveCounts } from '../../../src/experiments/training/measure.js';
import { assertShareNear } from '../../helpers/binomial.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

const NETWORKS = 1500;

/** Does some hidden layer give z <= 0 in every unit at `input`? (A "collapsed" one-input probe.) */
function killed(width: number, depth: number, init: 'he_normal' | 'he_uniform', input: number[], seed: number): boolean {
  const mlp = buildMlp(tinyRunConfig({ model: { width, depth, init, biasInit: 0 } }).model, input.length, 1, seed);
  try {
    const probe = tf.tensor2d([input]);
    const counts = probePositiveCounts(mlp, probe);
    probe.dispose();
    return counts.some((layer) => layer.every((count) => count === 0));
  } finally {
    disposeMlp(mlp);
  }
}

const closedForm = (width: number, depth: number) => 1 - (1 - 2 ** -width) ** depth;

for (const { width, depth, init, input } of [
  { width: 2, depth: 4, init: 'he_normal', input: [0.7] },
  { width: 3, depth: 9, init: 'he_normal', input: [-1.3] },
  // Any symmetric law and any input dimension: uniform weights, a 3-D input.
  { width: 2, depth: 3, init: 'he_uniform', input: [0.5, -2, 1] },
] as const) {
  test(`${init}, width ${width}, ${depth} hidden layers, input [${input}]: P(zeroed) = 1 − (1 − 2^-${width})^${depth} = ${closedForm(width, depth).toFixed(4)}`, () => {
    let zeroed = 0;
    for (let seed = 1; seed <= NETWORKS; seed++) if (killed(width, depth, init, [...input], seed)) zeroed++;
    assertShareNear(zeroed, NETWORKS, closedForm(width, depth), 'share of networks zeroing the input');
  });
}
