import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { initKernel, initLayer } from '../../../src/experiments/model/initializers.js';
import { createRng } from '../../../src/experiments/rng.js';
import { initParams, layersOf, type ParamGroup } from '../../../src/experiments/training/params.js';
import { assertNoLeakedTensors } from '../../helpers/tensors.js';
import { tinyRunConfig, type TinyOverrides } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

const SHAPE = { runs: 2, inputDim: 3, outputDim: 2, depth: 4, width: 7 };
const configs = (model: TinyOverrides['model'] = {}, seeds = [1, 2]): RunConfig[] =>
  seeds.map((seed) => tinyRunConfig({ seed, model: { depth: SHAPE.depth, width: SHAPE.width, ...model } }));

/** Run r's layers as plain arrays: [kernel, bias] per layer, hidden layers first. */
function runLayers(groups: ParamGroup[], r: number): [number[], number[]][] {
  return tf.tidy(() => {
    const layers = layersOf(
      groups.map((group) => group.value),
      groups.map((group) => group.name),
    );
    return layers.kernels.map((kernel, layer) => [
      Array.from(tf.gather(kernel, r).dataSync()),
      Array.from(tf.gather(layers.biases[layer], r).dataSync()),
    ]);
  });
}

const dispose = (groups: ParamGroup[]) => tf.dispose(groups.map((group) => group.value));

test('kin [R, in, W], kh [depth-1, R, W, W], kout [R, W, out], bh [depth, R, 1, W], bout [R, 1, out]; no kh at depth 1', () => {
  const groups = initParams(configs(), SHAPE);
  assert.deepEqual(
    groups.map(({ name, value, runAxis }) => [name, value.shape, runAxis]),
    [
      ['kin', [2, 3, 7], 0],
      ['kh', [3, 2, 7, 7], 1],
      ['kout', [2, 7, 2], 0],
      ['bh', [4, 2, 1, 7], 1],
      ['bout', [2, 1, 2], 0],
    ],
  );
  dispose(groups);
  const shallow = initParams(configs({ depth: 1 }), { ...SHAPE, depth: 1 });
  assert.deepEqual(
    shallow.map((group) => group.name),
    ['kin', 'kout', 'bh', 'bout'],
  );
  dispose(shallow);
});

test('prelu adds per-unit slopes to the hidden layers, [depth, R, 1, W], each run at its alpha (0.25 by default)', () => {
  const groups = initParams(
    configs({ activation: 'prelu' }).map((config, r) =>
      r === 1 ? { ...config, model: { ...config.model, alpha: 0.1 } } : config,
    ),
    SHAPE,
  );
  const slopes = groups.find((group) => group.name === 'slopes')!;
  assert.deepEqual(slopes.value.shape, [4, 2, 1, 7]);
  const values = slopes.value.arraySync() as number[][][][];
  for (const layer of values) {
    assert.deepEqual(layer[0][0], new Array(7).fill(0.25));
    assert.ok(layer[1][0].every((slope) => Math.abs(slope - 0.1) < 1e-7));
  }
  dispose(groups);
});

test('each run draws from its own seeded init stream, layer by layer from the input side; biases are biasInit', () => {
  const list = configs({ biasInit: -0.5 }, [9, 4]);
  const groups = initParams(list, SHAPE);
  list.forEach((config, r) => {
    const rng = createRng(config.seed, 'init');
    const layers = runLayers(groups, r);
    const fans = [
      [3, 7],
      [7, 7],
      [7, 7],
      [7, 7],
      [7, 2],
    ];
    fans.forEach(([fanIn, fanOut], layer) => {
      assert.deepEqual(
        layers[layer][0],
        Array.from(initKernel('he_normal', fanIn, fanOut, rng)),
        `run ${r} layer ${layer}`,
      );
      assert.ok(layers[layer][1].every((b) => b === -0.5));
    });
  });
  dispose(groups);
});

test('rai: kernels and biases both come from the init stream, layer by layer', () => {
  const list = configs({ init: 'rai' }, [9]);
  const groups = initParams(list, { ...SHAPE, runs: 1 });
  const rng = createRng(9, 'init');
  const layers = runLayers(groups, 0);
  for (const [layer, fanIn, fanOut] of [
    [0, 3, 7],
    [1, 7, 7],
  ]) {
    const expected = initLayer('rai', fanIn, fanOut, null, rng);
    assert.deepEqual(layers[layer], [Array.from(expected.kernel), Array.from(expected.bias)]);
  }
  dispose(groups);
});

test('a run starts from the same weights in any pack; the same seed twice gives the same weights, another seed others', () => {
  const [a, b] = [initParams(configs({}, [1, 2]), SHAPE), initParams(configs({}, [3, 2, 1]), { ...SHAPE, runs: 3 })];
  assert.deepEqual(runLayers(a, 0), runLayers(b, 2));
  assert.deepEqual(runLayers(a, 1), runLayers(b, 1));
  assert.notDeepEqual(runLayers(a, 0), runLayers(a, 1));
  dispose(a);
  dispose(b);
});

test("initial weights replace a run's seeded draw; initParams and layersOf leave no tensor behind", async () => {
  await assertNoLeakedTensors(() => {
    const initial = [...Array(4).keys()].map((layer) => ({
      kernel: new Float32Array(layer === 0 ? 3 * 7 : 7 * 7).fill(layer + 1),
      bias: new Float32Array(7).fill(layer / 2),
    }));
    const out = { kernel: new Float32Array(7 * 2).fill(5), bias: new Float32Array(2).fill(0.5) };
    const groups = initParams(configs(), SHAPE, [undefined, [...initial, out]]);
    const layers = runLayers(groups, 1);
    assert.deepEqual(
      layers.map(([kernel, bias]) => [kernel[0], bias[0]]),
      [
        [1, 0],
        [2, 0.5],
        [3, 1],
        [4, 1.5],
        [5, 0.5],
      ],
    );
    assert.notEqual(runLayers(groups, 0)[0][0][0], 1);
    dispose(groups);
  });
});
