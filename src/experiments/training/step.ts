/**
 * The training step of a pack, and a pass of steps over every run's rows: each step takes the
 * next batch of each run's own order, computes every run's gradient at once and applies it
 * (unless the pass only measures), and the pass sums each hidden kernel's gradient norm over its
 * steps for the epoch's record.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gatherBatch, orderTensor } from './data.js';
import { packGradients } from './gradients.js';
import type { Pack } from './pack.js';

/** Σ over a pass's steps of each hidden kernel's gradient norm, [depth, R], and the number of steps. The caller disposes `sums`. */
export interface NormSums {
  sums: tf.Tensor2D;
  steps: number;
}

export interface PassOptions {
  /** Apply each step's gradients (training), or only measure them (at initialisation). */
  update: boolean;
  /** Awaited before every step: where a pass lets signal handlers run and stops when asked to. */
  beforeStep?: () => Promise<void>;
}

type BatchGradients = { grads: tf.Tensor[]; normSum: tf.Tensor2D };

/**
 * The gradients of one batch, rows [start, start + size) of every run's order, and `normSum` plus
 * the batch's kernel-gradient norms. The caller disposes both.
 */
function batchGradients(
  pack: Pack,
  order: tf.Tensor2D,
  start: number,
  size: number,
  normSum: tf.Tensor2D,
): BatchGradients {
  const [nextSum, ...grads] = tf.tidy((): [tf.Tensor2D, ...tf.Tensor[]] => {
    const batch = gatherBatch(pack.data, order, start, size);
    const { grads, norms } = packGradients(pack.groups, pack.act, pack.task, batch.x, batch.y);
    return [tf.add<tf.Tensor2D>(normSum, norms), ...grads];
  });
  return { grads, normSum: nextSum };
}

/** One pass over `orders[r]` (rows of run r's training split, all of one length) in batches of the pack's batch size. */
export async function trainingPass(pack: Pack, orders: readonly Int32Array[], options: PassOptions): Promise<NormSums> {
  const { batchSize } = pack.members[0].config.training;
  const rows = orders[0].length;
  const order = orderTensor(pack.data, orders);
  let sums = tf.zeros<tf.Rank.R2>([pack.shape.depth, pack.shape.runs]);
  let steps = 0;
  try {
    for (let start = 0; start < rows; start += batchSize) {
      await options.beforeStep?.();
      // A step: the batch's gradients, applied when training.
      const { grads, normSum } = batchGradients(pack, order, start, Math.min(batchSize, rows - start), sums);
      if (options.update) pack.optimizer.apply(pack.groups, grads);
      tf.dispose(grads);
      sums.dispose();
      sums = normSum;
      steps++;
    }
    return { sums, steps };
  } catch (error) {
    sums.dispose();
    throw error;
  } finally {
    order.dispose();
  }
}
