/**
 * A run's network as plain arrays, computed with plain loops in float64: the reference the packed
 * engine's forward pass, measurements and dead-unit counts are checked against.
 */
import type { RunConfig } from '../../src/experiments/config/schema.js';
import type { Dataset } from '../../src/experiments/datasets/types.js';
import { initLayer, type LayerInit } from '../../src/experiments/model/initializers.js';
import { createRng } from '../../src/experiments/rng.js';

type Model = RunConfig['model'];

/** erf by Abramowitz & Stegun 7.1.26: absolute error below 1.5e-7, far inside float32's 1e-5 here. */
export function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

// SELU's fixed constants (Klambauer et al. 2017).
const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

/** The model's hidden-layer activation as a formula; PReLU at its initial slope, alpha. */
export function referenceActivation(model: Pick<Model, 'activation' | 'alpha'>): (z: number) => number {
  const alpha = model.alpha ?? 0;
  switch (model.activation) {
    case 'relu':
      return (z) => Math.max(0, z);
    case 'leaky_relu':
    case 'prelu':
      return (z) => (z > 0 ? z : alpha * z);
    case 'elu':
      return (z) => (z > 0 ? z : alpha * Math.expm1(z));
    case 'selu':
      return (z) => SELU_SCALE * (z > 0 ? z : SELU_ALPHA * Math.expm1(z));
    case 'gelu':
      return (z) => 0.5 * z * (1 + erf(z / Math.SQRT2));
    case 'silu':
      return (z) => z / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh;
  }
}

/**
 * The run's initial layers, hidden first, then the read-out: each kernel [fanIn, fanOut] row-major
 * and its bias, drawn from createRng(seed, 'init') layer by layer from the input side.
 */
export function referenceLayers(config: RunConfig, inputDim: number, outputDim: number): LayerInit[] {
  const { depth, width, init, biasInit } = config.model;
  const rng = createRng(config.seed, 'init');
  const layers: LayerInit[] = [];
  for (let layer = 0; layer < depth; layer++)
    layers.push(initLayer(init, layer === 0 ? inputDim : width, width, biasInit, rng));
  layers.push(initLayer(init, width, outputDim, biasInit, rng));
  return layers;
}

/** x·K + b for every row, K [fanIn, fanOut] row-major. */
function dense(rows: readonly (readonly number[])[], { kernel, bias }: LayerInit): number[][] {
  const fanOut = bias.length;
  return rows.map((row) =>
    Array.from({ length: fanOut }, (_, unit) =>
      row.reduce((sum, x, input) => sum + x * kernel[input * fanOut + unit], bias[unit]),
    ),
  );
}

/** Every hidden layer's pre-activations, z[layer][row][unit], and the output [row][out], for the input rows. */
export function referenceForward(
  layers: readonly LayerInit[],
  model: Pick<Model, 'activation' | 'alpha'>,
  rows: readonly (readonly number[])[],
): { z: number[][][]; output: number[][] } {
  const f = referenceActivation(model);
  const z: number[][][] = [];
  let a: readonly (readonly number[])[] = rows;
  for (const layer of layers.slice(0, -1)) {
    const pre = dense(a, layer);
    z.push(pre);
    a = pre.map((row) => row.map(f));
  }
  return { z, output: dense(a, layers[layers.length - 1]) };
}

/** Mean softmax cross-entropy of `output` against class indices, and the share of rows whose arg-max is the class. */
export function referenceScores(
  output: readonly (readonly number[])[],
  classes: ArrayLike<number>,
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  output.forEach((logits, row) => {
    const top = Math.max(...logits);
    const logSum = top + Math.log(logits.reduce((sum, v) => sum + Math.exp(v - top), 0));
    loss += logSum - logits[classes[row]];
    if (logits.indexOf(top) === classes[row]) correct++;
  });
  return { loss: loss / output.length, accuracy: correct / output.length };
}

/** Rows `rows` of a row-major [n, dim] array, as arrays. */
export function rowsOf(x: Float32Array, dim: number, rows: ArrayLike<number>): number[][] {
  return Array.from(rows, (row) => Array.from(x.subarray(row * dim, (row + 1) * dim)));
}

/**
 * A dataset whose training rows are exactly `rows` (no test rows; every class 0): with a probe size
 * of rows.length, a run's probe set is all of them.
 */
export function probeDataset(rows: readonly (readonly number[])[]): Dataset {
  const x = Float32Array.from(rows.flat());
  return {
    task: 'classification',
    inputDim: rows[0].length,
    outputDim: 2,
    train: { n: rows.length, x, y: new Float32Array(rows.length) },
    test: { n: 0, x: new Float32Array(0), y: new Float32Array(0) },
  };
}
