/**
 * A pack's data on the device: every run's own training split, test split and probe set, stacked
 * run by run, uploaded once. A pass over the training rows then uploads one index tensor per epoch
 * (each run's own seeded order) and gathers every batch on the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Split } from '../datasets/types.js';

export interface PackData {
  runs: number;
  /** Training rows per run. */
  n: number;
  /** Test rows per run. */
  nTest: number;
  /** Every run's training inputs and targets, run after run: [R·n, inputDim], [R·n, outputDim]. */
  xFlat: tf.Tensor2D;
  yFlat: tf.Tensor2D;
  /** Each run's training rows then its test rows, [R, n + nTest, ·]: one forward pass evaluates both and probes. */
  xAll: tf.Tensor3D;
  yAll: tf.Tensor3D;
  /**
   * 1 at each run's probe rows (a subset of its training rows), 0 elsewhere, [R, 1, n + nTest]:
   * its product with a layer's [R, rows, W] indicator of z > 0 counts the probe rows with z > 0.
   */
  probeIndicator: tf.Tensor3D;
  /** Each run's probe rows (indices into its training split), all of one length. */
  probeRows: Int32Array[];
}

function stacked(datasets: readonly Dataset[], part: (dataset: Dataset, run: number) => Float32Array): Float32Array {
  const pieces = datasets.map((dataset, run) => part(dataset, run));
  const out = new Float32Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

function joined(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** A split's targets, [n, outputDim] row-major: one-hot for classification, the values for regression. */
function targets(dataset: Dataset, split: Split): Float32Array {
  if (dataset.task === 'regression') return split.y.subarray(0, split.n * dataset.outputDim);
  const oneHot = new Float32Array(split.n * dataset.outputDim);
  for (let row = 0; row < split.n; row++) oneHot[row * dataset.outputDim + split.y[row]] = 1;
  return oneHot;
}

/** Uploads the runs' data; `probeRows[r]` are run r's probe rows. The caller disposes it (disposePackData). */
export function uploadPackData(datasets: readonly Dataset[], probeRows: Int32Array[]): PackData {
  const R = datasets.length;
  const { inputDim: D, outputDim: C } = datasets[0];
  const n = datasets[0].train.n;
  const nTest = datasets[0].test.n;
  const T = n + nTest;
  const indicator = new Float32Array(R * T);
  probeRows.forEach((rows, r) => rows.forEach((row) => (indicator[r * T + row] = 1)));
  return {
    runs: R,
    n,
    nTest,
    xFlat: tf.tensor2d(
      stacked(datasets, (d) => d.train.x.subarray(0, n * D)),
      [R * n, D],
    ),
    yFlat: tf.tensor2d(
      stacked(datasets, (d) => targets(d, d.train)),
      [R * n, C],
    ),
    xAll: tf.tensor3d(
      stacked(datasets, (d) => joined(d.train.x.subarray(0, n * D), d.test.x.subarray(0, nTest * D))),
      [R, T, D],
    ),
    yAll: tf.tensor3d(
      stacked(datasets, (d) => joined(targets(d, d.train), targets(d, d.test))),
      [R, T, C],
    ),
    probeIndicator: tf.tensor3d(indicator, [R, 1, T]),
    probeRows,
  };
}

export function disposePackData(data: PackData): void {
  tf.dispose([data.xFlat, data.yFlat, data.xAll, data.yAll, data.probeIndicator]);
}

/** Run r's `orders[r]` (rows of its training split) as rows of xFlat: [R, length], one upload. */
export function orderTensor(data: PackData, orders: readonly Int32Array[]): tf.Tensor2D {
  const length = orders[0].length;
  const flat = new Int32Array(data.runs * length);
  orders.forEach((order, r) => {
    for (let i = 0; i < length; i++) flat[r * length + i] = r * data.n + order[i];
  });
  return tf.tensor2d(flat, [data.runs, length], 'int32');
}

/** Rows [start, start + size) of every run's order: inputs [R, size, D] and targets [R, size, C], gathered on the device. */
export function gatherBatch(
  data: PackData,
  order: tf.Tensor2D,
  start: number,
  size: number,
): { x: tf.Tensor3D; y: tf.Tensor3D } {
  const rows = tf.slice(order, [0, start], [data.runs, size]);
  return {
    x: tf.gather(data.xFlat, rows) as tf.Tensor as tf.Tensor3D,
    y: tf.gather(data.yFlat, rows) as tf.Tensor as tf.Tensor3D,
  };
}
