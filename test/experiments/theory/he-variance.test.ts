/**
 * He et al. 2015: with weights N(0, 2/fan_in), zero biases and ReLU, the second moment of the
 * pre-activations is the same at every depth. For a symmetric z, E[relu(z)²] = E[z²]/2, and the
 * next layer's E[z'²] = fan_in · (2/fan_in) · E[relu(z)²] = E[z²]. Checked two ways on deep nets and
 * many inputs: layer to layer against what the previous layer fed it (little noise), and end to end
 * averaged over networks (each finite-width net drifts like a random walk in log scale, about
 * sqrt(depth · 1.4 / width) in sd here, but the average over networks stays put). LeCun's
 * N(0, 1/fan_in) is the contrast: it halves the second moment at every layer.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { Initializer } from '../../../src/experiments/config/schema.js';
import { createRng } from '../../../src/experiments/rng.js';
import { disposePackActivation, packActivation } from '../../../src/experiments/training/activations.js';
import { forwardPack } from '../../../src/experiments/training/network.js';
import { initParams, layersOf } from '../../../src/experiments/training/params.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

// wasm: these products are ~1 GFLOP in all, seconds on the pure-JS cpu backend.
before(() => useBackend('wasm'));

const [WIDTH, DEPTH, INPUTS, INPUT_DIM, NETWORKS] = [256, 20, 256, 16, 6];

/** Per hidden layer: mean of z² and mean of relu(z)², over units and inputs, of one seeded network (a pack of one). */
function moments(init: Initializer, seed: number): { zz: number[]; hh: number[] } {
  const config = tinyRunConfig({ seed, model: { width: WIDTH, depth: DEPTH, init, biasInit: 0 } });
  const groups = initParams([config], { runs: 1, inputDim: INPUT_DIM, outputDim: 1, depth: DEPTH, width: WIDTH });
  const act = packActivation([config.model], WIDTH);
  const rng = createRng(seed, 'he-variance');
  try {
    return tf.tidy(() => {
      const x = tf.tensor3d(
        Float32Array.from({ length: INPUTS * INPUT_DIM }, () => rng.normal()),
        [1, INPUTS, INPUT_DIM],
      );
      const { z } = forwardPack(
        layersOf(
          groups.map((group) => group.value),
          groups.map((group) => group.name),
        ),
        x,
        act,
      );
      return {
        zz: z.map((pre) => tf.mean(tf.square(pre)).dataSync()[0]),
        hh: z.map((pre) => tf.mean(tf.square(tf.relu(pre))).dataSync()[0]),
      };
    });
  } finally {
    disposePackActivation(act);
    tf.dispose(groups.map((group) => group.value));
  }
}

const cache = new Map<Initializer, ReturnType<typeof moments>[]>();
/** NETWORKS seeded networks' moments, computed once per scheme. */
function runs(init: Initializer): ReturnType<typeof moments>[] {
  if (!cache.has(init))
    cache.set(
      init,
      Array.from({ length: NETWORKS }, (_, i) => moments(init, i + 1)),
    );
  return cache.get(init)!;
}

/** Mean over networks and layers 2..DEPTH of E[z²] / (2·E[relu(z)²] of the layer before). */
function pooledRatio(init: Initializer): number {
  const ratios = runs(init).flatMap(({ zz, hh }) => zz.slice(1).map((value, layer) => value / (2 * hh[layer])));
  return ratios.reduce((sum, r) => sum + r, 0) / ratios.length;
}

// Given the layer before, the mean of z² over 256 units scatters by about sqrt(2/256) = 9%
// (deep in the net the inputs are nearly collinear, so averaging over them adds little); pooled
// over 19 layers and 6 networks that is ~0.9%, so 4% is over four standard errors.
test(`he_normal: each layer's E[z²] is 2·E[relu(z)²] of the layer before (pooled, within 4%), ${DEPTH} layers of ${WIDTH}`, () => {
  const ratio = pooledRatio('he_normal');
  assert.ok(Math.abs(ratio - 1) < 0.04, `pooled ratio ${ratio.toFixed(4)}`);
});

test("he_normal: averaged over networks, E[z²] at every depth stays within 35% of the first layer's", () => {
  const all = runs('he_normal');
  for (let layer = 0; layer < DEPTH; layer++) {
    const mean = all.reduce((sum, { zz }) => sum + zz[layer] / zz[0], 0) / all.length;
    // A per-layer scale off by 3% would compound to 1.03^19 = 1.75 at layer 20.
    assert.ok(Math.abs(mean - 1) < 0.35, `layer ${layer + 1}: E[z²] / E[z²] at layer 1 = ${mean.toFixed(3)}`);
  }
});

test('lecun_normal: the same ratio is 1/2, the second moment halving at every layer (what He corrects)', () => {
  const ratio = pooledRatio('lecun_normal');
  assert.ok(Math.abs(ratio - 0.5) < 0.02, `pooled ratio ${ratio.toFixed(4)}`);
});
