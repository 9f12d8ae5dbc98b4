/**
 * SGD, momentum and Adam over a pack's parameter groups: the kernels of tf.train's optimizers, in
 * the same order with the same float32 constants, run once per group for all runs, with each run's
 * learning rate (and momentum) as a tensor broadcast along the group's run axis. A group's update
 * is therefore elementwise what tf.train computes for each run's variables (tested against it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../../config/schema.js';
import type { ParamGroup } from './params.js';

// tf.train.adam(learningRate, 0.9, 0.999, 1e-7), as src/experiments/training/step.ts makes it.
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export interface PackOptimizer {
  /** Replaces each group's value by its updated value; disposes the old values. */
  apply(groups: ParamGroup[], grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

/** A per-run number as a tensor that broadcasts along a group's run axis. */
function perRun(values: readonly number[]): Record<0 | 1, tf.Tensor> {
  return { 0: tf.tensor3d([...values], [values.length, 1, 1]), 1: tf.tensor4d([...values], [1, values.length, 1, 1]) };
}

export function makePackOptimizer(training: readonly RunConfig['training'][]): PackOptimizer {
  const kind = training[0].optimizer;
  // tf.train keeps -learningRate as a float32 scalar: the same numbers, one per run.
  const negLr = perRun(training.map((t) => -t.learningRate));
  const momentum = perRun(training.map((t) => t.momentum ?? 0));
  const slots: tf.Tensor[][] = [];
  // Adam's accumulated beta powers, float32 as tf.train's variables are: fround of each product.
  let accBeta1 = Math.fround(BETA1);
  let accBeta2 = Math.fround(BETA2);

  const slotCount = kind === 'adam' ? 2 : kind === 'momentum' ? 1 : 0;

  const apply = (groups: ParamGroup[], grads: readonly tf.Tensor[]): void => {
    // Zeros before the first step, as tf.train's slots start; made outside the tidy, which would dispose them.
    groups.forEach((group, i) => (slots[i] ??= Array.from({ length: slotCount }, () => tf.zerosLike(group.value))));
    const updated = tf.tidy(() => {
      const oneMinusAcc1 = tf.sub(1, tf.scalar(accBeta1));
      const oneMinusAcc2 = tf.sub(1, tf.scalar(accBeta2));
      return groups.map((group, i) => {
        const g = grads[i];
        const value = group.value;
        const lr = negLr[group.runAxis];
        if (kind === 'sgd') return [tf.add(tf.mul(lr, g), value)];
        if (kind === 'momentum') {
          const accumulation = tf.add(tf.mul(momentum[group.runAxis], slots[i][0]), g);
          return [tf.add(tf.mul(lr, accumulation), value), accumulation];
        }
        const [m, v] = slots[i];
        const newM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
        const newV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
        const mHat = tf.div(newM, oneMinusAcc1);
        const vHat = tf.div(newV, oneMinusAcc2);
        return [tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), EPSILON)), lr), value), newM, newV];
      });
    });
    updated.forEach(([value, ...newSlots], i) => {
      groups[i].value.dispose();
      groups[i].value = value;
      if (newSlots.length > 0) {
        tf.dispose(slots[i]);
        slots[i] = newSlots;
      }
    });
    accBeta1 = Math.fround(accBeta1 * Math.fround(BETA1));
    accBeta2 = Math.fround(accBeta2 * Math.fround(BETA2));
  };

  return {
    apply,
    dispose: () => {
      tf.dispose([negLr[0], negLr[1], momentum[0], momentum[1], ...slots.flat()]);
    },
  };
}
