/**
 * The hand-derived backward pass of the leaky family against tf.grads through the same forward
 * pass, and both against central finite differences; and the pack's forward pass against the
 * single-run MLP's (src/experiments/model/mlp.ts), run by run.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../../src/experiments/config/schema.js';
import { buildMlp, disposeMlp, forward } from '../../../../src/experiments/model/mlp.js';
import { autodiffGradients, forwardPack, leakyGradients, packLossSums, slopeCache, type PackActivation } from '../../../../src/experiments/training/pack/network.js';
import { initParams, layersOf, type ParamGroup } from '../../../../src/experiments/training/pack/params.js';
import { assertClose } from '../../../helpers/tensors.js';

before(() => useBackend('cpu'));

const SHAPE = { runs: 3, inputDim: 3, outputDim: 4, depth: 3, width: 5 };
const configs = (activation: string, alphas: (number | undefined)[]): RunConfig[] =>
  alphas.map((alpha, r) => runConfigSchema.parse({ seed: r + 1, model: { depth: SHAPE.depth, width: SHAPE.width, activation, alpha } }));
const activation = (list: RunConfig[]): PackActivation => ({
  activation: list[0].model.activation,
  alpha: tf.tensor3d(list.map((config) => (config.model.activation === 'prelu' ? 0 : (config.model.alpha ?? 0))), [list.length, 1, 1]),
  pureRelu: list.every((config) => config.model.activation === 'relu'),
});
const batch = (rows: number) => ({
  x: tf.randomNormal([SHAPE.runs, rows, SHAPE.inputDim], 0, 1, 'float32', 7) as tf.Tensor3D,
  y: tf.tidy(() => tf.oneHot(tf.randomUniform([SHAPE.runs, rows], 0, SHAPE.outputDim, 'int32', 8), SHAPE.outputDim).toFloat()) as tf.Tensor3D,
});

for (const [name, list] of [
  ['relu', configs('relu', [undefined, undefined, undefined])],
  ['leaky_relu with per-run slopes', configs('leaky_relu', [0.01, 0.3, 0])],
] as const) {
  test(`${name}: the hand-derived gradient equals tf.grads' within float32 rounding, with and without kept slopes`, () => {
    const groups = initParams(list, SHAPE);
    const act = activation(list);
    const slopes = slopeCache(act.alpha, SHAPE.width);
    const { x, y } = batch(6);
    const auto = tf.tidy(() => autodiffGradients(groups, act, 'classification', x, y));
    const hand = tf.tidy(() => leakyGradients(groups, act, 'classification', x, y));
    const kept = tf.tidy(() => leakyGradients(groups, { ...act, fullSlopes: slopes.get }, 'classification', x, y));
    hand.forEach((grad, i) => assertClose(grad.dataSync(), auto[i].dataSync(), 1e-6, groups[i].name));
    // Kept slopes compute the same products: equal, not merely close.
    kept.forEach((grad, i) => assert.deepEqual(Array.from(grad.dataSync()), Array.from(hand[i].dataSync()), `${groups[i].name} with kept slopes`));
    slopes.dispose();
    tf.dispose([...hand, ...kept, ...auto, x, y, act.alpha, ...groups.map((group) => group.value)]);
  });
}

test('leaky_relu: the gradient matches central finite differences', () => {
  const list = configs('leaky_relu', [0.1, 0.2, 0.3]);
  const groups = initParams(list, SHAPE);
  const act = activation(list);
  const { x, y } = batch(6);
  const names = groups.map((group) => group.name);
  const loss = (values: tf.Tensor[]) =>
    tf.tidy(() => tf.sum(packLossSums('classification', forwardPack(layersOf(values, names), x, act).output, y)).dataSync()[0] / 6);
  const hand = tf.tidy(() => leakyGradients(groups, act, 'classification', x, y));
  // Float32 losses: a step of 1e-2 keeps rounding below the tolerance, and the loss is smooth
  // there (no unit changes sign within it, checked by the agreement itself).
  const h = 1e-2;
  for (const [g, group] of groups.entries()) {
    const values = Array.from(group.value.dataSync());
    for (const index of [0, Math.floor(values.length / 2), values.length - 1]) {
      const shifted = (delta: number) => {
        const changed = values.slice();
        changed[index] += delta;
        const tensor = tf.tensor(changed, group.value.shape);
        const result = loss(groups.map((other, k) => (k === g ? tensor : other.value)));
        tensor.dispose();
        return result;
      };
      const numeric = (shifted(h) - shifted(-h)) / (2 * h);
      const analytic = hand[g].dataSync()[index];
      assert.ok(Math.abs(numeric - analytic) < 2e-3, `${group.name}[${index}]: finite differences ${numeric}, hand ${analytic}`);
    }
  }
  tf.dispose([...hand, x, y, act.alpha, ...groups.map((group) => group.value)]);
});

test('the pack starts from the weights buildMlp draws, and its forward pass gives the same outputs run by run', () => {
  const list = configs('leaky_relu', [0.01, 0.3, 0.05]).map((config, r) => ({ ...config, model: { ...config.model, init: (['he_normal', 'rai', 'glorot_uniform'] as const)[r] } }));
  const groups = initParams(list, SHAPE);
  const act = activation(list);
  const { x } = batch(4);
  const packed = tf.tidy(() => forwardPack(layersOf(groups.map((group) => group.value), groups.map((group) => group.name)), x, act).output);
  list.forEach((config, r) => {
    const mlp = buildMlp(config.model, SHAPE.inputDim, SHAPE.outputDim, config.seed);
    const alone = tf.tidy(() => forward(mlp, tf.gather(x, r) as tf.Tensor as tf.Tensor2D).output);
    const mine = tf.gather(packed, r);
    assertClose(mine.dataSync(), alone.dataSync(), 1e-6, `run ${r}`);
    tf.dispose([alone, mine]);
    disposeMlp(mlp);
  });
  tf.dispose([packed, x, act.alpha, ...groups.map((group) => group.value)]);
});
