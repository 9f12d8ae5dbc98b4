/**
 * The forward pass of a pack: R networks at once, [R, rows, units] batched matrix products, each
 * run on its own rows with its own parameters. The loss and accuracy sums the measurements and
 * the gradients (gradients.ts) are built on.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../datasets/types.js';
import { activate, select, type PackActivation } from './activations.js';
import { packKernels } from './kernels.js';
import type { Layers } from './params.js';

export type Task = Dataset['task'];

export interface PackForward {
  output: tf.Tensor3D;
  /** Pre-activations of the hidden layers, [R, rows, W] each. */
  z: tf.Tensor3D[];
  /** Inputs of every layer (x, then each hidden layer's output), [R, rows, in] each. */
  inputs: tf.Tensor3D[];
  /** z > 0, per hidden layer, from the leaky family's forward pass outside tf.grads. */
  masks: tf.Tensor[] | null;
  /** The leaky family's per-layer slopes s (1 or alpha), when a backprop pass could keep them. */
  slopes: tf.Tensor[] | null;
}

export interface ForwardOptions {
  /**
   * What the pass is for, which decides how it computes the same values and what it keeps:
   * 'values' (the default) for measurements; 'autodiff' through ops tf.grads can differentiate;
   * 'backprop' keeps what the leaky family's hand-derived backward pass reuses: each layer's
   * slope s (1 or alpha), when the activation has its fullSlopes and is not plain relu.
   */
  purpose?: 'values' | 'autodiff' | 'backprop';
}

/** Runs every network of the pack on its own rows: x is [R, rows, inputDim]. Call inside tf.tidy. */
export function forwardPack(
  layers: Layers,
  x: tf.Tensor3D,
  act: PackActivation,
  options: ForwardOptions = {},
): PackForward {
  const purpose = options.purpose ?? 'values';
  const depth = layers.biases.length - 1;
  const z: tf.Tensor3D[] = [];
  const inputs: tf.Tensor3D[] = [x];
  const masks: tf.Tensor[] = [];
  const slopes: tf.Tensor[] = [];
  const full =
    purpose === 'backprop' && act.family === 'leaky' && !act.pureRelu && act.fullSlopes
      ? act.fullSlopes.get(x.shape[1])
      : null;
  const kernels = packKernels();
  const autodiff = purpose === 'autodiff';
  let a = x;
  for (let layer = 0; layer < depth; layer++) {
    const pre = kernels.addBias(kernels.matMul(a, layers.kernels[layer]), layers.biases[layer], autodiff);
    z.push(pre);
    if (full) {
      // z > 0 ? z : alpha·z as z·(z > 0 ? 1 : alpha): the same products, and s serves the backward pass.
      const mask = tf.greater(pre, 0);
      const slope = select(mask, full.ones, full.alpha);
      masks.push(mask);
      slopes.push(slope);
      a = tf.mul(pre, slope);
    } else {
      const out = activate(pre, act, { slope: layers.slopes?.[layer], differentiable: purpose === 'autodiff' });
      if (out.mask) masks.push(out.mask);
      a = out.a;
    }
    inputs.push(a);
  }
  const output = kernels.addBias(kernels.matMul(a, layers.kernels[depth]), layers.biases[depth], autodiff);
  return {
    output,
    z,
    inputs,
    masks: act.family === 'leaky' && purpose !== 'autodiff' ? masks : null,
    slopes: full ? slopes : null,
  };
}

/** Per-run loss summed over rows, [R]: softmax cross-entropy, or MSE averaged over outputs. */
export function packLossSums(task: Task, output: tf.Tensor3D, targets: tf.Tensor3D): tf.Tensor1D {
  const { sumEach, logSoftmax } = packKernels();
  if (task === 'classification') return tf.neg(sumEach(tf.mul(targets, logSoftmax(output))));
  return tf.div(sumEach(tf.squaredDifference(output, targets)), output.shape[2]);
}

/** Per-run count of rows whose arg-max output matches the one-hot target, [R]. */
export function packCorrect(output: tf.Tensor3D, targets: tf.Tensor3D): tf.Tensor1D {
  return packKernels().sumEach(tf.cast(tf.equal(tf.argMax(output, 2), tf.argMax(targets, 2)), 'float32'));
}
