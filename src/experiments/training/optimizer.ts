/**
 * SGD, momentum and Adam over all of a pack's parameters at once: the groups are kept as one flat
 * vector, so an update is tf.train's kernels run once (Adam: 14) instead of once per group, plus
 * one concat of the gradients and one split back into the groups. The kernels are tf.train's, in
 * the same order with the same float32 constants, and each element's learning rate (and
 * momentum) is its run's, so every element is updated exactly as tf.train updates that run's
 * variable (tested against it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/schema.js';
import type { ParamGroup } from './params.js';

// tf.train.adam(learningRate, 0.9, 0.999, 1e-7), which test/experiments/training/optimizer.test.ts holds this to.
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export interface PackOptimizer {
  /** Replaces each group's value by its updated value; disposes the old values. */
  apply(groups: ParamGroup[], grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

const flatten = (tensors: readonly tf.Tensor[]): tf.Tensor1D =>
  tf.concat<tf.Tensor1D>(tensors.map((t) => tf.reshape(t, [-1])));

/** perRun[r] for every element of the groups, in the flat vector's order. */
function perElement(groups: readonly ParamGroup[], perRun: readonly number[]): Float32Array {
  const out = new Float32Array(groups.reduce((total, group) => total + group.value.size, 0));
  let offset = 0;
  for (const { value, runAxis } of groups) {
    const runs = value.shape[runAxis]!;
    // Elements per index of the run axis: everything after it.
    const inner = value.shape.slice(runAxis + 1).reduce((a, b) => a * b, 1);
    for (let i = 0; i < value.size; i++) out[offset + i] = perRun[Math.floor(i / inner) % runs];
    offset += value.size;
  }
  return out;
}

export function makePackOptimizer(training: readonly RunConfig['training'][]): PackOptimizer {
  const kind = training[0].optimizer;
  let state: { flat: tf.Tensor1D; negLr: tf.Tensor1D; momentum: tf.Tensor1D | null; slots: tf.Tensor1D[] } | null =
    null;
  // Adam's accumulated beta powers, float32 as tf.train's variables are: fround of each product.
  let accBeta1 = Math.fround(BETA1);
  let accBeta2 = Math.fround(BETA2);

  const start = (groups: readonly ParamGroup[]) => {
    const flat = tf.tidy(() => flatten(groups.map((group) => group.value)));
    // tf.train keeps -learningRate as a float32 scalar: the same numbers, one per run.
    const negLr = tf.tensor1d(
      perElement(
        groups,
        training.map((t) => -t.learningRate),
      ),
    );
    const momentum =
      kind === 'momentum'
        ? tf.tensor1d(
            perElement(
              groups,
              training.map((t) => t.momentum ?? 0),
            ),
          )
        : null;
    // Zeros before the first step, as tf.train's slots start.
    const slots = Array.from({ length: kind === 'adam' ? 2 : kind === 'momentum' ? 1 : 0 }, () => tf.zerosLike(flat));
    return { flat, negLr, momentum, slots };
  };

  const apply = (groups: ParamGroup[], grads: readonly tf.Tensor[]): void => {
    const s = (state ??= start(groups));
    const [value, ...slots] = tf.tidy(() => {
      const g = flatten(grads);
      if (kind === 'sgd') return [tf.add(tf.mul(s.negLr, g), s.flat)];
      if (kind === 'momentum') {
        const accumulation = tf.add(tf.mul(s.momentum!, s.slots[0]), g);
        return [tf.add(tf.mul(s.negLr, accumulation), s.flat), accumulation];
      }
      const [m, v] = s.slots;
      const newM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
      const newV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const mHat = tf.div(newM, tf.sub(1, tf.scalar(accBeta1)));
      const vHat = tf.div(newV, tf.sub(1, tf.scalar(accBeta2)));
      return [tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), EPSILON)), s.negLr), s.flat), newM, newV];
    }) as tf.Tensor1D[];
    tf.dispose([s.flat, ...s.slots]);
    s.flat = value;
    s.slots = slots;
    // The groups again, as pieces of the flat vector.
    const pieces = tf.tidy(() =>
      tf
        .split(
          value,
          groups.map((group) => group.value.size),
        )
        .map((piece, i) => tf.reshape(piece, groups[i].value.shape)),
    );
    groups.forEach((group, i) => {
      group.value.dispose();
      group.value = pieces[i];
    });
    accBeta1 = Math.fround(accBeta1 * Math.fround(BETA1));
    accBeta2 = Math.fround(accBeta2 * Math.fround(BETA2));
  };

  return {
    apply,
    dispose: () => {
      if (state) tf.dispose([state.flat, state.negLr, ...(state.momentum ? [state.momentum] : []), ...state.slots]);
      state = null;
    },
  };
}
