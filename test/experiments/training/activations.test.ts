import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../src/experiments/config/schema.js';
import { activate, disposePackActivation, packActivation } from '../../../src/experiments/training/activations.js';
import { referenceActivation } from '../../helpers/reference-network.js';
import { assertClose, TEST_BACKENDS } from '../../helpers/tensors.js';

const Z = [-3, -1, -0.5, -0.01, 0, 0.01, 0.5, 1, 3];

const model = (activation: string, alpha?: number): RunConfig['model'] =>
  runConfigSchema.parse({ model: { activation, alpha } }).model;

const REFERENCE: [name: string, model: RunConfig['model']][] = [
  ['relu', model('relu')],
  ['leaky_relu alpha 0.01', model('leaky_relu', 0.01)],
  ['elu alpha 1', model('elu', 1)],
  ['elu alpha 0.5', model('elu', 0.5)],
  ['selu', model('selu')],
  ['gelu', model('gelu')],
  ['silu', model('silu')],
  ['tanh', model('tanh')],
  ['prelu at its initial slope 0.25', model('prelu')],
];

/** activate() of a pack of one run on a [1, 1, n] tensor, as plain numbers; PReLU's slopes all alpha. */
function apply(values: number[], runModel: RunConfig['model'], differentiable = false): number[] {
  const act = packActivation([runModel], values.length);
  try {
    return tf.tidy(() => {
      const slope =
        runModel.activation === 'prelu' ? tf.fill<tf.Rank.R3>([1, 1, values.length], runModel.alpha ?? 0) : null;
      return Array.from(activate(tf.tensor3d([[values]]), act, { slope, differentiable }).a.dataSync());
    });
  } finally {
    disposePackActivation(act);
  }
}

/** d/dz of sum(activate(z)), elementwise, through tf.grads. */
function gradient(values: number[], runModel: RunConfig['model']): number[] {
  const act = packActivation([runModel], values.length);
  try {
    return tf.tidy(() => {
      const grad = tf.grad((z: tf.Tensor) => tf.sum(activate(z as tf.Tensor3D, act, { differentiable: true }).a));
      return Array.from(grad(tf.tensor3d([[values]])).dataSync());
    });
  } finally {
    disposePackActivation(act);
  }
}

for (const backend of TEST_BACKENDS) {
  describe(`the pack's activations on ${backend}`, () => {
    before(() => useBackend(backend));

    for (const [name, runModel] of REFERENCE) {
      test(`${name} matches its formula, and its differentiable form gives the same numbers`, () => {
        const values = apply(Z, runModel);
        assertClose(values, Z.map(referenceActivation(runModel)), 1e-5, name);
        // Adding 0 turns -0 into 0: relu's differentiable form gives 0·z = -0 where tf.relu gives 0.
        assert.deepEqual(
          apply(Z, runModel, true).map((v) => v + 0),
          values.map((v) => v + 0),
        );
      });
    }

    test('gelu hits its known values at ±1', () => {
      assertClose(apply([1, -1], model('gelu')), [0.8413447, -0.1586553], 1e-5);
    });

    test('prelu uses its slopes, not alpha, and cannot run without them', () => {
      const act = packActivation([model('prelu', 0.01)], 3);
      const out = tf.tidy(() =>
        Array.from(
          activate(tf.tensor3d([[[-2, 2, -2]]]), act, { slope: tf.tensor3d([[[0.25, 0.25, 0.5]]]) }).a.dataSync(),
        ),
      );
      assertClose(out, [-0.5, 2, -1], 1e-6);
      assert.throws(() => tf.tidy(() => activate(tf.tensor3d([[[1]]]), act).a), /prelu needs its slopes/);
      disposePackActivation(act);
    });

    test("the leaky gradient is alpha for z <= 0, relu's 0, and 1 for z > 0: z = 0 counts as off", () => {
      const off = [-3, -1, -0.01, 0];
      assertClose(gradient(off, model('leaky_relu', 0.01)), [0.01, 0.01, 0.01, 0.01], 1e-7, 'leaky_relu');
      assertClose(gradient(off, model('leaky_relu', 0.2)), [0.2, 0.2, 0.2, 0.2], 1e-7, 'leaky_relu 0.2');
      assert.deepEqual(gradient(off, model('relu')), [0, 0, 0, 0]);
      assert.deepEqual(gradient([0.5, 2], model('relu')), [1, 1]);
    });

    test('elu with alpha 1 has gradient exp(z) for z < 0', () => {
      assertClose(gradient([-2, -0.5], model('elu', 1)), [Math.exp(-2), Math.exp(-0.5)], 1e-6);
    });

    test('a pack of relu runs only takes the Relu kernel; one leaky run among them makes it a select', () => {
      const relu = packActivation([model('relu'), model('relu')], 3);
      const mixed = packActivation([model('relu'), model('leaky_relu', 0.3)], 3);
      assert.deepEqual([relu.family, relu.pureRelu, mixed.family, mixed.pureRelu], ['leaky', true, 'leaky', false]);
      assert.deepEqual(Array.from(mixed.alpha.dataSync()), [0, Math.fround(0.3)]);
      disposePackActivation(relu);
      disposePackActivation(mixed);
    });
  });
}
