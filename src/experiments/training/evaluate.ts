/** Loss and accuracy of a network over a whole split. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Split } from '../datasets/types.js';
import { forward, type Mlp } from '../model/mlp.js';
import { correctCount, inputRows, lossSum, targetRows } from './objective.js';

/** Rows per evaluation chunk: bounds memory on big splits without changing any sum. */
export const EVAL_CHUNK = 4096;

/** Mean loss (and accuracy for classification) over a whole split, in chunks. */
export function evaluate(mlp: Mlp, dataset: Dataset, split: Split): { loss: number; accuracy: number | null } {
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < split.n; start += EVAL_CHUNK) {
    const rows = Int32Array.from({ length: Math.min(EVAL_CHUNK, split.n - start) }, (_, i) => start + i);
    const sums = tf.tidy(() => {
      const x = tf.tensor2d(inputRows(split.x, dataset.inputDim, rows), [rows.length, dataset.inputDim]);
      const y = tf.tensor2d(targetRows(dataset, split.y, rows), [rows.length, dataset.outputDim]);
      const { output } = forward(mlp, x);
      const parts = [lossSum(dataset.task, output, y)];
      if (dataset.task === 'classification') parts.push(correctCount(output, y));
      return tf.stack(parts);
    });
    const [chunkLoss, chunkCorrect = 0] = sums.dataSync();
    sums.dispose();
    loss += chunkLoss;
    correct += chunkCorrect;
  }
  return { loss: loss / split.n, accuracy: dataset.task === 'classification' ? correct / split.n : null };
}
