/**
 * A pack's data on the device: every run's own training split, test split and probe set, stacked
 * run by run, uploaded once. A pass over the training rows then uploads one index tensor per epoch
 * (each run's own seeded order) and gathers every batch on the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../../datasets/types.js';
import { inputRows, targetRows } from '../objective.js';

export interface PackData {
  runs: number;
  /** Training rows per run. */
  n: number;
  /** Every run's training inputs and targets, run after run: [R·n, inputDim], [R·n, outputDim]. */
  xFlat: tf.Tensor2D;
  yFlat: tf.Tensor2D;
  /** The same, [R, n, ·], for evaluation. */
  x: tf.Tensor3D;
  y: tf.Tensor3D;
  xTest: tf.Tensor3D | null;
  yTest: tf.Tensor3D | null;
  /** Each run's probe inputs, [R, probe, inputDim]. */
  probe: tf.Tensor3D;
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

const allRows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** Uploads the runs' data; `probeRows[r]` are run r's probe rows. The caller disposes it (disposePackData). */
export function uploadPackData(datasets: readonly Dataset[], probeRows: Int32Array[]): PackData {
  const R = datasets.length;
  const { inputDim: D, outputDim: C } = datasets[0];
  const n = datasets[0].train.n;
  const nTest = datasets[0].test.n;
  const P = probeRows[0].length;
  const train = stacked(datasets, (d) => d.train.x.subarray(0, n * D));
  const trainY = stacked(datasets, (d) => targetRows(d, d.train.y, allRows(n)));
  const xFlat = tf.tensor2d(train, [R * n, D]);
  const yFlat = tf.tensor2d(trainY, [R * n, C]);
  return {
    runs: R,
    n,
    xFlat,
    yFlat,
    x: tf.reshape(xFlat, [R, n, D]),
    y: tf.reshape(yFlat, [R, n, C]),
    xTest: nTest > 0 ? tf.tensor3d(stacked(datasets, (d) => d.test.x.subarray(0, nTest * D)), [R, nTest, D]) : null,
    yTest: nTest > 0 ? tf.tensor3d(stacked(datasets, (d) => targetRows(d, d.test.y, allRows(nTest))), [R, nTest, C]) : null,
    probe: tf.tensor3d(stacked(datasets, (d, r) => inputRows(d.train.x, D, probeRows[r])), [R, P, D]),
    probeRows,
  };
}

export function disposePackData(data: PackData): void {
  tf.dispose([data.xFlat, data.yFlat, data.x, data.y, data.probe, ...(data.xTest ? [data.xTest, data.yTest!] : [])]);
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
export function gatherBatch(data: PackData, order: tf.Tensor2D, start: number, size: number): { x: tf.Tensor3D; y: tf.Tensor3D } {
  const rows = tf.slice(order, [0, start], [data.runs, size]);
  return { x: tf.gather(data.xFlat, rows) as tf.Tensor as tf.Tensor3D, y: tf.gather(data.yFlat, rows) as tf.Tensor as tf.Tensor3D };
}
