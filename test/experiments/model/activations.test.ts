import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { activate } from '../../../src/experiments/model/activations.js';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { Activation } from '../../../src/experiments/config/schema.js';
import { assertClose, TEST_BACKENDS } from '../../helpers/tensors.js';

const Z = [-3, -1, -0.5, -0.01, 0, 0.01, 0.5, 1, 3];

/** erf by Abramowitz & Stegun 7.1.26: absolute error below 1.5e-7, far inside float32's 1e-5 here. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

// SELU's fixed constants (Klambauer et al. 2017).
const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

const REFERENCE: [name: string, activation: Activation, alpha: number | null, f: (z: number) => number][] = [
  ['relu', 'relu', null, (z) => Math.max(0, z)],
  ['leaky_relu alpha 0.01', 'leaky_relu', 0.01, (z) => (z > 0 ? z : 0.01 * z)],
  ['elu alpha 1', 'elu', 1, (z) => (z > 0 ? z : Math.expm1(z))],
  ['elu alpha 0.5', 'elu', 0.5, (z) => (z > 0 ? z : 0.5 * Math.expm1(z))],
  ['selu', 'selu', null, (z) => SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z))],
  ['gelu', 'gelu', null, (z) => 0.5 * z * (1 + erf(z / Math.SQRT2))],
  ['silu', 'silu', null, (z) => z / (1 + Math.exp(-z))],
  ['tanh', 'tanh', null, Math.tanh],
];

/** activate() on a [1, n] tensor, as plain numbers. */
const apply = (values: number[], activation: Activation, alpha: number | null, slope?: tf.Tensor1D) =>
  tf.tidy(() => Array.from(activate(tf.tensor2d([values]), activation, alpha, slope).dataSync()));

/** d/dz of sum(activate(z)), elementwise. */
const gradient = (values: number[], activation: Activation, alpha: number | null) =>
  tf.tidy(() => {
    const grad = tf.grad((z: tf.Tensor) => tf.sum(activate(z as tf.Tensor2D, activation, alpha)));
    return Array.from(grad(tf.tensor2d([values])).dataSync());
  });

for (const backend of TEST_BACKENDS) {
  describe(`activations on ${backend}`, () => {
    before(() => useBackend(backend));

    for (const [name, activation, alpha, f] of REFERENCE) {
      test(`${name} matches its formula`, () => {
        assertClose(apply(Z, activation, alpha), Z.map(f), 1e-5, name);
      });
    }

    test('gelu hits its known values at ±1', () => {
      assertClose(apply([1, -1], 'gelu', null), [0.8413447, -0.1586553], 1e-5);
    });

    test('prelu uses the slope variable, not alpha', () => {
      const slope = tf.variable(tf.tensor1d([0.25, 0.25, 0.5]));
      assertClose(apply([-2, 2, -2], 'prelu', 0.01, slope), [-0.5, 2, -1], 1e-6);
      slope.dispose();
      assert.throws(() => apply([1], 'prelu', 0.25), /slope/);
    });

    test('for z < 0 the leaky_relu gradient is alpha and the relu gradient is 0', () => {
      const negative = [-3, -1, -0.01];
      assertClose(gradient(negative, 'leaky_relu', 0.01), [0.01, 0.01, 0.01], 1e-7, 'leaky_relu');
      assertClose(gradient(negative, 'leaky_relu', 0.2), [0.2, 0.2, 0.2], 1e-7, 'leaky_relu 0.2');
      assert.deepEqual(gradient(negative, 'relu', null), [0, 0, 0]);
      assertClose(gradient([0.5, 2], 'relu', null), [1, 1], 0, 'relu positive');
    });

    test('elu with alpha 1 has gradient exp(z) for z < 0', () => {
      assertClose(gradient([-2, -0.5], 'elu', 1), [Math.exp(-2), Math.exp(-0.5)], 1e-6);
    });

    test(
      'elu with alpha 0.5 has gradient alpha * exp(z) for z < 0',
      () => {
        assertClose(gradient([-2, -0.5], 'elu', 0.5), [0.5 * Math.exp(-2), 0.5 * Math.exp(-0.5)], 1e-6);
      },
    );
  });
}
