import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { initKernel, initLayer } from '../../../src/experiments/model/initializers.js';
import { buildMlp, disposeMlp, forward, trainableVariables, type ModelConfig } from '../../../src/experiments/model/mlp.js';
import { createRng } from '../../../src/experiments/rng.js';
import { assertNoLeakedTensors } from '../../helpers/tensors.js';
import { tinyRunConfig, type TinyOverrides } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

const modelConfig = (overrides: TinyOverrides['model'] = {}): ModelConfig =>
  tinyRunConfig({ model: { depth: 4, width: 7, ...overrides } }).model;

const values = (mlp: ReturnType<typeof buildMlp>) => trainableVariables(mlp).map((v) => Array.from(v.dataSync()));

test('depth hidden layers of [in, width] then [width, width], and a [width, out] read-out', () => {
  const mlp = buildMlp(modelConfig(), 3, 2, 1);
  assert.deepEqual(mlp.hidden.map((layer) => layer.kernel.shape), [[3, 7], [7, 7], [7, 7], [7, 7]]);
  assert.ok(mlp.hidden.every((layer) => layer.bias.shape[0] === 7 && layer.slope === undefined));
  assert.deepEqual(mlp.output.kernel.shape, [7, 2]);
  assert.deepEqual(mlp.output.bias.shape, [2]);
  assert.equal(trainableVariables(mlp).length, 2 * 5);
  disposeMlp(mlp);
});

test('prelu adds a per-unit slope to hidden layers only, initialised to alpha (0.25 by default)', () => {
  const mlp = buildMlp(modelConfig({ activation: 'prelu' }), 3, 2, 1);
  for (const layer of mlp.hidden) assert.deepEqual(Array.from(layer.slope!.dataSync()), new Array(7).fill(0.25));
  assert.equal(mlp.output.slope, undefined);
  assert.equal(trainableVariables(mlp).length, 3 * 4 + 2);
  disposeMlp(mlp);
  const custom = buildMlp(modelConfig({ activation: 'prelu', alpha: 0.1 }), 3, 2, 1);
  assert.ok(Array.from(custom.hidden[2].slope!.dataSync()).every((slope) => Math.abs(slope - 0.1) < 1e-7));
  disposeMlp(custom);
});

test('kernels come from the seeded init stream in layer order; biases are biasInit', () => {
  const config = modelConfig({ biasInit: -0.5 });
  const mlp = buildMlp(config, 3, 2, 9);
  const rng = createRng(9, 'init');
  assert.deepEqual(mlp.hidden[0].kernel.dataSync(), initKernel('he_normal', 3, 7, rng));
  assert.deepEqual(mlp.hidden[1].kernel.dataSync(), initKernel('he_normal', 7, 7, rng));
  for (const layer of [...mlp.hidden, mlp.output]) assert.ok(layer.bias.dataSync().every((b) => b === -0.5));
  disposeMlp(mlp);
});

test('rai: kernels and biases both come from the init stream, layer by layer', () => {
  const mlp = buildMlp(modelConfig({ init: 'rai' }), 3, 2, 9);
  const rng = createRng(9, 'init');
  for (const [layer, fanIn, fanOut] of [[mlp.hidden[0], 3, 7], [mlp.hidden[1], 7, 7]] as const) {
    const expected = initLayer('rai', fanIn, fanOut, null, rng);
    assert.deepEqual(layer.kernel.dataSync(), expected.kernel);
    assert.deepEqual(layer.bias.dataSync(), expected.bias);
  }
  disposeMlp(mlp);
});

test('the same seed gives identical weights; another seed differs', () => {
  const [a, b, c] = [1, 1, 2].map((seed) => buildMlp(modelConfig(), 3, 2, seed));
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a), values(c));
  [a, b, c].forEach(disposeMlp);
});

test('forward with unit kernels gives the hand-computed output and pre-activations', () => {
  const mlp = buildMlp(modelConfig({ depth: 2, width: 2 }), 1, 1, 1);
  for (const layer of [...mlp.hidden, mlp.output]) tf.tidy(() => layer.kernel.assign(tf.onesLike(layer.kernel)));
  const result = tf.tidy(() => {
    const { output, preActivations } = forward(mlp, tf.tensor2d([[1], [-1]]));
    return { output: output.arraySync(), z: preActivations.map((z) => z.arraySync()) };
  });
  // x = 1: z1 = [1, 1], z2 = [2, 2], out = 4. x = -1: z1 = [-1, -1], relu zeroes it, so z2 = out = 0.
  assert.deepEqual(result.z, [[[1, 1], [-1, -1]], [[2, 2], [0, 0]]]);
  assert.deepEqual(result.output, [[4], [0]]);
  disposeMlp(mlp);
});

test('forward returns depth pre-activations of [batch, width]; build, forward and dispose leak nothing', async () => {
  await assertNoLeakedTensors(() => {
    const mlp = buildMlp(modelConfig({ activation: 'prelu' }), 3, 2, 1);
    tf.tidy(() => {
      const { output, preActivations } = forward(mlp, tf.zeros([5, 3]) as tf.Tensor2D);
      assert.deepEqual(preActivations.map((z) => z.shape), new Array(4).fill([5, 7]));
      assert.deepEqual(output.shape, [5, 2]);
    });
    disposeMlp(mlp);
  });
});
