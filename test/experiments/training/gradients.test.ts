/**
 * The hand-derived backward pass of the leaky family against tf.grads through the same forward
 * pass, and both against central finite differences; and at z exactly 0, where a mask of z >= 0
 * instead of z > 0 would let gradient through ReLU units that are off.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema, type RunConfig } from '../../../src/experiments/config/schema.js';
import type { LayerInit } from '../../../src/experiments/model/initializers.js';
import { disposePackActivation, packActivation } from '../../../src/experiments/training/activations.js';
import { autodiffGradients, leakyGradients, packGradients } from '../../../src/experiments/training/gradients.js';
import { forwardPack, packLossSums } from '../../../src/experiments/training/network.js';
import { initParams, layersOf, type ParamGroup } from '../../../src/experiments/training/params.js';
import { assertClose } from '../../helpers/tensors.js';

before(() => useBackend('cpu'));

const SHAPE = { runs: 3, inputDim: 3, outputDim: 4, depth: 3, width: 5 };
const configs = (activations: string[], alphas: (number | undefined)[]): RunConfig[] =>
  alphas.map((alpha, r) =>
    runConfigSchema.parse({
      seed: r + 1,
      model: { depth: SHAPE.depth, width: SHAPE.width, activation: activations[r], alpha },
    }),
  );
const batch = (rows: number) => ({
  x: tf.randomNormal<tf.Rank.R3>([SHAPE.runs, rows, SHAPE.inputDim], 0, 1, 'float32', 7),
  y: tf.tidy(() =>
    tf.oneHot(tf.randomUniform([SHAPE.runs, rows], 0, SHAPE.outputDim, 'int32', 8), SHAPE.outputDim).toFloat(),
  ) as tf.Tensor3D,
});
const values = (groups: ParamGroup[]) => groups.map((group) => group.value);

for (const [name, list] of [
  ['relu', configs(['relu', 'relu', 'relu'], [undefined, undefined, undefined])],
  ['relu and leaky_relu with per-run slopes', configs(['leaky_relu', 'leaky_relu', 'relu'], [0.01, 0.3, undefined])],
] as const) {
  test(`${name}: the hand-derived gradient equals tf.grads' within float32 rounding, with and without kept slopes`, () => {
    const groups = initParams(list, SHAPE);
    const act = packActivation(
      list.map((config) => config.model),
      SHAPE.width,
    );
    const { x, y } = batch(6);
    const auto = tf.tidy(() => autodiffGradients(groups, act, 'classification', x, y));
    const kept = tf.tidy(() => leakyGradients(groups, act, 'classification', x, y));
    const hand = tf.tidy(() => leakyGradients(groups, { ...act, fullSlopes: undefined }, 'classification', x, y));
    hand.forEach((grad, i) => assertClose(grad.dataSync(), auto[i].dataSync(), 1e-6, groups[i].name));
    // Kept slopes compute the same products: equal, not merely close.
    kept.forEach((grad, i) =>
      assert.deepEqual(
        Array.from(grad.dataSync()),
        Array.from(hand[i].dataSync()),
        `${groups[i].name} with kept slopes`,
      ),
    );
    disposePackActivation(act);
    tf.dispose([...hand, ...kept, ...auto, x, y, ...values(groups)]);
  });
}

test('leaky_relu: the gradient matches central finite differences', () => {
  const list = configs(['leaky_relu', 'leaky_relu', 'leaky_relu'], [0.1, 0.2, 0.3]);
  const groups = initParams(list, SHAPE);
  const act = packActivation(
    list.map((config) => config.model),
    SHAPE.width,
  );
  const { x, y } = batch(6);
  const names = groups.map((group) => group.name);
  const loss = (params: tf.Tensor[]) =>
    tf.tidy(
      () =>
        tf.sum(packLossSums('classification', forwardPack(layersOf(params, names), x, act).output, y)).dataSync()[0] /
        6,
    );
  const hand = tf.tidy(() => leakyGradients(groups, act, 'classification', x, y));
  // Float32 losses: a step of 1e-2 keeps rounding below the tolerance, and the loss is smooth
  // there (no unit changes sign within it, checked by the agreement itself).
  const h = 1e-2;
  for (const [g, group] of groups.entries()) {
    const flat = Array.from(group.value.dataSync());
    for (const index of [0, Math.floor(flat.length / 2), flat.length - 1]) {
      const shifted = (delta: number) => {
        const changed = flat.slice();
        changed[index] += delta;
        const tensor = tf.tensor(changed, group.value.shape);
        const result = loss(groups.map((other, k) => (k === g ? tensor : other.value)));
        tensor.dispose();
        return result;
      };
      const numeric = (shifted(h) - shifted(-h)) / (2 * h);
      const analytic = hand[g].dataSync()[index];
      assert.ok(
        Math.abs(numeric - analytic) < 2e-3,
        `${group.name}[${index}]: finite differences ${numeric}, hand ${analytic}`,
      );
    }
  }
  disposePackActivation(act);
  tf.dispose([...hand, x, y, ...values(groups)]);
});

/** A hand-set network: kernels sin(i + fanIn), hidden biases as given, read-out bias 0.5. */
function handSet(hiddenBiases: number[]): LayerInit[] {
  const { inputDim: D, outputDim: C, width: W } = SHAPE;
  const layer = (fanIn: number, fanOut: number, bias: number): LayerInit => ({
    kernel: Float32Array.from({ length: fanIn * fanOut }, (_, i) => Math.sin(i + fanIn)),
    bias: new Float32Array(fanOut).fill(bias),
  });
  return [...hiddenBiases.map((bias, l) => layer(l === 0 ? D : W, W, bias)), layer(W, C, 0.5)];
}

/** The leaky step's gradients (as trainPack takes them: slopes kept) and tf.grads', per group name, as nested arrays. */
function bothGradients(list: RunConfig[], network: LayerInit[], x: tf.Tensor3D) {
  const groups = initParams(
    list,
    SHAPE,
    list.map(() => network),
  );
  const act = packActivation(
    list.map((config) => config.model),
    SHAPE.width,
  );
  assert.equal(act.pureRelu, false);
  const { y } = batch(x.shape[1]);
  const names = groups.map((group) => group.name);
  const z = tf.tidy(() => forwardPack(layersOf(values(groups), names), x, act).z.map((pre) => pre.arraySync()));
  const read = (gradients: tf.Tensor[]) =>
    Object.fromEntries(names.map((name, i) => [name, gradients[i].arraySync() as number[][][][]]));
  const step = tf.tidy(() => {
    const { grads, norms } = packGradients(groups, act, 'classification', x, y);
    return { grads, norms };
  });
  const auto = tf.tidy(() => autodiffGradients(groups, act, 'classification', x, y));
  const result = { z, step: read(step.grads), auto: read(auto) };
  disposePackActivation(act);
  tf.dispose([...step.grads, step.norms, ...auto, y, ...values(groups)]);
  return result;
}

const zeros = (values: number[]) => values.map((v) => v + 0); // -0 to 0

test('a relu run in a leaky pack gets no gradient downstream of a dead layer, where z is exactly 0', () => {
  // Layer 1 is off on every row (bias -10 against inputs in [0, 1)), so for the relu run layers
  // 2 and 3, with zero biases, see z = 0 exactly: no hidden parameter of it may move. A mask of
  // z >= 0 would pass gradient there. The leaky runs make the pack keep its slopes, as training does.
  const list = configs(['relu', 'leaky_relu', 'leaky_relu'], [undefined, 0.3, 0.01]);
  const x = tf.randomUniform<tf.Rank.R3>([SHAPE.runs, 6, SHAPE.inputDim], 0, 1, 'float32', 3);
  const { z, step, auto } = bothGradients(list, handSet([-10, 0, 0]), x);
  x.dispose();
  assert.ok(
    z[0][0].flat().every((v) => v < 0),
    'layer 1 of the relu run is off',
  );
  assert.ok(
    [z[1][0], z[2][0]].flat(2).every((v) => v === 0),
    'layers 2 and 3 of the relu run see z = 0',
  );
  for (const name of ['kin', 'kh', 'bh'] as const) {
    const relu = name === 'kh' || name === 'bh' ? step[name].map((layer) => layer[0]) : [step[name][0]];
    assert.deepEqual(zeros(relu.flat(3)), new Array(relu.flat(3).length).fill(0), `relu run: ${name}`);
  }
  // Not vacuous: the leaky runs' hidden biases do get gradient, as tf.grads gives it.
  for (const r of [1, 2]) {
    assert.ok(
      step.bh[1][r][0].some((v) => v !== 0),
      `leaky run ${r}`,
    );
    [1, 2].forEach((layer) =>
      assertClose(step.bh[layer][r][0], auto.bh[layer][r][0], 1e-6, `leaky run ${r} layer ${layer + 1}`),
    );
  }
});

test('at z exactly 0 a leaky unit takes its slope alpha, as tf.grads does', () => {
  // Zero inputs and zero hidden biases: every hidden z is exactly 0 in every run.
  const list = configs(['leaky_relu', 'leaky_relu', 'relu'], [0.3, 0.01, undefined]);
  const x = tf.zeros<tf.Rank.R3>([SHAPE.runs, 4, SHAPE.inputDim]);
  const { z, step, auto } = bothGradients(list, handSet([0, 0, 0]), x);
  x.dispose();
  assert.ok(
    z.flat(4).every((v) => v === 0),
    'every hidden z is 0',
  );
  for (const r of [0, 1]) {
    for (const layer of [0, 1, 2]) {
      assert.ok(
        step.bh[layer][r][0].some((v) => v !== 0),
        `run ${r} layer ${layer + 1}: not vacuous`,
      );
      assertClose(step.bh[layer][r][0], auto.bh[layer][r][0], 1e-7, `run ${r} layer ${layer + 1}`);
    }
  }
  assert.deepEqual(
    zeros(step.bh.map((layer) => layer[2][0]).flat()),
    new Array(3 * SHAPE.width).fill(0),
    'the relu run',
  );
});
