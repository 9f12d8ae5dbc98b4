/**
 * What the network is trained to do: softmax cross-entropy for classification, mean squared error
 * for regression. Everything returns sums over the batch so chunked evaluation adds up exactly.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../datasets/types.js';

export type Task = Dataset['task'];

/** Targets for a batch of rows: one-hot for classification, the raw values for regression. */
export function targetRows(dataset: Pick<Dataset, 'task' | 'outputDim'>, y: Float32Array, rows: ArrayLike<number>): Float32Array {
  const width = dataset.outputDim;
  const targets = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (dataset.task === 'classification') targets[i * width + y[row]] = 1;
    else targets.set(y.subarray(row * width, (row + 1) * width), i * width);
  }
  return targets;
}

/** Input rows gathered into one contiguous [rows, inputDim] block. */
export function inputRows(x: Float32Array, inputDim: number, rows: ArrayLike<number>): Float32Array {
  const block = new Float32Array(rows.length * inputDim);
  for (let i = 0; i < rows.length; i++) block.set(x.subarray(rows[i] * inputDim, (rows[i] + 1) * inputDim), i * inputDim);
  return block;
}

/** Sum over the batch of the per-example loss. */
export function lossSum(task: Task, output: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  if (task === 'classification') {
    return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(output)))) as tf.Scalar;
  }
  // Per-example MSE averages over outputs, so the batch mean is the usual MSE.
  return tf.div(tf.sum(tf.squaredDifference(output, targets)), output.shape[1]) as tf.Scalar;
}

/** Number of rows whose arg-max output matches the one-hot target. */
export function correctCount(output: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), tf.argMax(targets, 1)), 'float32'));
}
