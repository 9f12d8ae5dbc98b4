/**
 * The pack's forward pass: against a hand computation, and run by run against the plain-loop
 * reference (test/helpers/reference-network.ts) from the weights each run draws, for every
 * activation family; its three purposes give the same numbers.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../src/experiments/config/schema.js';
import { disposePackActivation, packActivation } from '../../../src/experiments/training/activations.js';
import { forwardPack, type ForwardOptions } from '../../../src/experiments/training/network.js';
import { initParams, layersOf, type ParamGroup } from '../../../src/experiments/training/params.js';
import { referenceForward, referenceLayers } from '../../helpers/reference-network.js';
import { assertClose, assertNoLeakedTensors } from '../../helpers/tensors.js';

before(() => useBackend('cpu'));

const SHAPE = { runs: 3, inputDim: 3, outputDim: 4, depth: 3, width: 5 };
const INITS = ['he_normal', 'rai', 'glorot_uniform'] as const;

/** Three runs of `activation` that differ in seed, initialiser and (where it has one) alpha. */
const configs = (activation: string, alphas: (number | undefined)[]): RunConfig[] =>
  alphas.map((alpha, r) =>
    runConfigSchema.parse({
      seed: r + 1,
      model: { depth: SHAPE.depth, width: SHAPE.width, activation, alpha, init: INITS[r], biasInit: 0.1 },
    }),
  );

/** The pack's output and pre-activations for x ([R][rows][inputDim]), as nested arrays. */
function packForward(list: RunConfig[], groups: ParamGroup[], x: number[][][], options?: ForwardOptions) {
  const act = packActivation(
    list.map((config) => config.model),
    SHAPE.width,
  );
  try {
    return tf.tidy(() => {
      const layers = layersOf(
        groups.map((group) => group.value),
        groups.map((group) => group.name),
      );
      const { output, z } = forwardPack(layers, tf.tensor3d(x), act, options);
      return { output: output.arraySync(), z: z.map((pre) => pre.arraySync()) };
    });
  } finally {
    disposePackActivation(act);
  }
}

/** [R][4 rows][inputDim] inputs, different for every run. */
const X = Array.from({ length: SHAPE.runs }, (_, r) =>
  Array.from({ length: 4 }, (_, row) =>
    Array.from({ length: SHAPE.inputDim }, (_, i) => Math.sin(7 * r + 3 * row + i)),
  ),
);

for (const [activation, alphas] of [
  ['relu', [undefined, undefined, undefined]],
  ['leaky_relu', [0.01, 0.3, 0.05]],
  ['prelu', [0.25, 0.1, 0.5]],
  ['elu', [1, 0.5, 2]],
  ['selu', [undefined, undefined, undefined]],
  ['gelu', [undefined, undefined, undefined]],
  ['silu', [undefined, undefined, undefined]],
  ['tanh', [undefined, undefined, undefined]],
] as const) {
  test(`${activation}: each run's outputs and pre-activations are the plain loops' from the weights it draws`, () => {
    const list = configs(activation, [...alphas]);
    const groups = initParams(list, SHAPE);
    const packed = packForward(list, groups, X);
    list.forEach((config, r) => {
      const expected = referenceForward(referenceLayers(config, SHAPE.inputDim, SHAPE.outputDim), config.model, X[r]);
      assertClose(packed.output[r].flat(), expected.output.flat(), 1e-5, `run ${r} output`);
      packed.z.forEach((layer, l) =>
        assertClose(layer[r].flat(), expected.z[l].flat(), 1e-5, `run ${r} layer ${l + 1}`),
      );
    });
    // The differentiable and the backprop forms compute the same numbers.
    for (const purpose of ['autodiff', 'backprop'] as const) {
      assert.deepEqual(packForward(list, groups, X, { purpose }).output, packed.output, purpose);
    }
    tf.dispose(groups.map((group) => group.value));
  });
}

test('unit kernels and zero biases give the hand-computed outputs and pre-activations', async () => {
  await assertNoLeakedTensors(() => {
    const list = configs('relu', [undefined]).map((config) => ({
      ...config,
      model: { ...config.model, depth: 2, width: 2 },
    }));
    const shape = { runs: 1, inputDim: 1, outputDim: 1, depth: 2, width: 2 };
    const ones = (fanIn: number, fanOut: number) => ({
      kernel: new Float32Array(fanIn * fanOut).fill(1),
      bias: new Float32Array(fanOut),
    });
    const groups = initParams(list, shape, [[ones(1, 2), ones(2, 2), ones(2, 1)]]);
    const act = packActivation([list[0].model], 2);
    const result = tf.tidy(() => {
      const { output, z } = forwardPack(
        layersOf(
          groups.map((group) => group.value),
          groups.map((group) => group.name),
        ),
        tf.tensor3d([[[1], [-1]]]),
        act,
      );
      return { output: output.arraySync(), z: z.map((pre) => pre.arraySync()) };
    });
    // x = 1: z1 = [1, 1], z2 = [2, 2], out = 4. x = -1: z1 = [-1, -1], relu zeroes it, so z2 = out = 0.
    assert.deepEqual(result.z, [
      [
        [
          [1, 1],
          [-1, -1],
        ],
      ],
      [
        [
          [2, 2],
          [0, 0],
        ],
      ],
    ]);
    assert.deepEqual(result.output, [[[4], [0]]]);
    disposePackActivation(act);
    tf.dispose(groups.map((group) => group.value));
  });
});
