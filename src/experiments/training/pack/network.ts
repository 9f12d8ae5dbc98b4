/**
 * The forward pass and the loss gradient of a pack: R networks at once, [R, rows, units] batched
 * matrix products. ReLU and Leaky ReLU (one family: ReLU is slope 0) get a hand-derived backward
 * pass, about ten kernels a layer for all R runs; every other activation is differentiated by
 * tf.grads through the same forward pass. Both are checked against each other and against finite
 * differences in test/experiments/training/pack/network.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../config/schema.js';
import type { Task } from '../objective.js';
import { groupsOf, layersOf, type Layers, type ParamGroup } from './params.js';

const SQRT_HALF = Math.SQRT1_2;

/** What a pack's hidden layers apply: the activation and, per run, its alpha as [R, 1, 1]. */
export interface PackActivation {
  activation: Activation;
  /** Leaky slope (0 for relu), elu's alpha; zeros where the activation takes none. */
  alpha: tf.Tensor3D;
  /** Every run is plain relu (slope 0): one Relu kernel instead of a select. */
  pureRelu: boolean;
  /**
   * Ones and each run's alpha, [R, rows, W], kept across steps (slopeCache): with them a training
   * step's forward pass makes each layer's slope s = z > 0 ? 1 : alpha once, a = z·s, and the
   * backward pass needs one kernel, dz = da·s, instead of a select and a product.
   */
  fullSlopes?: (rows: number) => { ones: tf.Tensor3D; alpha: tf.Tensor3D };
}

/** fullSlopes for `act`'s runs and `width` units, and its disposal. */
export function slopeCache(alpha: tf.Tensor3D, width: number): { get: (rows: number) => { ones: tf.Tensor3D; alpha: tf.Tensor3D }; dispose: () => void } {
  const cache = new Map<number, { ones: tf.Tensor3D; alpha: tf.Tensor3D }>();
  const runs = alpha.shape[0];
  return {
    get: (rows) => {
      let full = cache.get(rows);
      if (!full) {
        full = tf.tidy(() => ({ ones: tf.keep(tf.ones([runs, rows, width])), alpha: tf.keep(tf.mul(tf.ones([runs, rows, width]), alpha)) })) as { ones: tf.Tensor3D; alpha: tf.Tensor3D };
        cache.set(rows, full);
      }
      return full;
    },
    dispose: () => {
      for (const full of cache.values()) tf.dispose([full.ones, full.alpha]);
      cache.clear();
    },
  };
}

export interface PackForward {
  output: tf.Tensor3D;
  /** Pre-activations of the hidden layers, [R, rows, W] each. */
  z: tf.Tensor3D[];
  /** Inputs of every layer (x, then each hidden layer's output), [R, rows, in] each. */
  inputs: tf.Tensor3D[];
  /** z > 0, per hidden layer, from the leaky family's forward pass (reused by its backward pass). */
  masks: tf.Tensor[] | null;
  /** The leaky family's per-layer slopes s (1 or alpha), when the pass was asked for them. */
  slopes: tf.Tensor[] | null;
}

export const isLeakyFamily = (activation: Activation): boolean => activation === 'relu' || activation === 'leaky_relu';

/**
 * z > 0 ? z : slope·z with its gradient, for tf.grads: tf.where's own gradient reaches its
 * condition (Greater), which has none in TF.js, and tf.prelu on tfjs-node computes
 * relu(z) + slope·(z - |z|)/2, whose rounding differs. slope broadcasts: [R, 1, 1] or [R, 1, W].
 */
const slopedRelu = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [z, slope, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  const mask = tf.greater(z, 0);
  save([z, slope, mask]);
  return {
    value: tf.where(mask, z, tf.mul(z, slope)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [x, s, m] = saved;
      const axes = s.shape.flatMap((size, axis) => (size === 1 && dy.shape[axis] !== 1 ? [axis] : []));
      return [tf.where(m, dy, tf.mul(dy, s)), tf.sum(tf.where(m, tf.zerosLike(dy), tf.mul(dy, x)), axes, true)];
    },
  };
}) as (z: tf.Tensor3D, slope: tf.Tensor3D) => tf.Tensor3D;

/**
 * tf.where(condition, a, b) for operands of one shape, as the Select kernel alone: tf.where first
 * broadcasts all three operands, which costs an Identity kernel each even when the shapes agree
 * (a third of a leaky step's kernels on tfjs-node, profiled). No gradient: hand-derived paths only.
 */
function select(condition: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  return tf.engine().runKernel('Select', { condition, t: a, e: b }) as tf.Tensor3D;
}

function activate(z: tf.Tensor3D, act: PackActivation, slope: tf.Tensor3D | null, differentiable: boolean): { a: tf.Tensor3D; mask: tf.Tensor | null } {
  switch (act.activation) {
    case 'relu':
    case 'leaky_relu': {
      if (differentiable) return { a: slopedRelu(z, act.alpha), mask: null };
      const mask = tf.greater(z, 0);
      // z > 0 ? z : alpha·z, exactly tf.leakyRelu's values (and tf.relu's at slope 0).
      return { a: act.pureRelu ? tf.relu(z) : select(mask, z, tf.mul(z, act.alpha)), mask };
    }
    case 'prelu':
      return { a: slopedRelu(z, slope!), mask: null };
    case 'elu':
      // Without tf.where: its unselected branch's infinite gradient would turn into NaN.
      return { a: tf.add(tf.relu(z), tf.mul(tf.expm1(tf.minimum(z, 0)), act.alpha)), mask: null };
    case 'selu':
      return { a: tf.selu(z), mask: null };
    case 'gelu':
      return { a: tf.mul(tf.mul(z, 0.5), tf.add(1, tf.erf(tf.mul(z, SQRT_HALF)))), mask: null };
    case 'silu':
      return { a: tf.mul(z, tf.sigmoid(z)), mask: null };
    case 'tanh':
      return { a: tf.tanh(z), mask: null };
  }
}

/**
 * Runs every network of the pack on its own rows: x is [R, rows, inputDim]. `differentiable` for
 * use under tf.grads (the same values, with gradients). Call inside tf.tidy.
 */
export function forwardPack(layers: Layers, x: tf.Tensor3D, act: PackActivation, differentiable = false, withSlopes = false): PackForward {
  const depth = layers.biases.length - 1;
  const z: tf.Tensor3D[] = [];
  const inputs: tf.Tensor3D[] = [x];
  const masks: tf.Tensor[] = [];
  const slopes: tf.Tensor[] = [];
  const full = withSlopes && isLeakyFamily(act.activation) && !act.pureRelu && act.fullSlopes ? act.fullSlopes(x.shape[1]) : null;
  let a = x;
  for (let layer = 0; layer < depth; layer++) {
    const pre = tf.add(tf.matMul(a, layers.kernels[layer]), layers.biases[layer]) as tf.Tensor3D;
    z.push(pre);
    if (full) {
      // z > 0 ? z : alpha·z as z·(z > 0 ? 1 : alpha): the same products, and s serves the backward pass.
      const mask = tf.greater(pre, 0);
      const slope = select(mask, full.ones, full.alpha);
      masks.push(mask);
      slopes.push(slope);
      a = tf.mul(pre, slope);
    } else {
      const out = activate(pre, act, layers.slopes?.[layer] ?? null, differentiable);
      if (out.mask) masks.push(out.mask);
      a = out.a;
    }
    inputs.push(a);
  }
  const output = tf.add(tf.matMul(a, layers.kernels[depth]), layers.biases[depth]) as tf.Tensor3D;
  return { output, z, inputs, masks: isLeakyFamily(act.activation) && !differentiable ? masks : null, slopes: full ? slopes : null };
}

/** Per-run loss summed over rows, [R]: softmax cross-entropy, or MSE averaged over outputs. */
export function packLossSums(task: Task, output: tf.Tensor3D, targets: tf.Tensor3D): tf.Tensor1D {
  if (task === 'classification') return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(output)), [1, 2])) as tf.Tensor1D;
  return tf.div(tf.sum(tf.squaredDifference(output, targets), [1, 2]), output.shape[2]);
}

/** Per-run count of rows whose arg-max output matches the one-hot target, [R]. */
export function packCorrect(output: tf.Tensor3D, targets: tf.Tensor3D): tf.Tensor1D {
  return tf.sum(tf.cast(tf.equal(tf.argMax(output, 2), tf.argMax(targets, 2)), 'float32'), 1);
}

export interface PackGradients {
  /** One gradient per parameter group, in the groups' order. */
  grads: tf.Tensor[];
  /** L2 norm of each hidden kernel's gradient, [depth, R]. */
  norms: tf.Tensor2D;
}

/**
 * The gradient of every run's mean batch loss with respect to its own parameters (runs do not
 * interact: every kernel works run by run). Call inside tf.tidy.
 */
export function packGradients(
  groups: readonly ParamGroup[],
  act: PackActivation,
  task: Task,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): PackGradients {
  const names = groups.map((group) => group.name);
  const grads = isLeakyFamily(act.activation) ? leakyGradients(groups, act, task, x, y) : autodiffGradients(groups, act, task, x, y);
  return { grads, norms: kernelNorms(grads, names) };
}

/** tf.grads through the forward pass: the loss is the sum over runs of each run's mean loss. */
export function autodiffGradients(groups: readonly ParamGroup[], act: PackActivation, task: Task, x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor[] {
  const names = groups.map((group) => group.name);
  const loss = (...values: tf.Tensor[]) => {
    const { output } = forwardPack(layersOf(values, names), x, act, true);
    return tf.div(tf.sum(packLossSums(task, output, y)), x.shape[1]) as tf.Scalar;
  };
  return tf.grads(loss)(groups.map((group) => group.value));
}

/**
 * The hand-derived backward pass of the leaky family. With z = a·K + b and a' = z > 0 ? z : αz:
 * dz = z > 0 ? da' : α·da', dK = aᵀ·dz, db = Σ_rows dz, da = dz·Kᵀ. At the output, the mean
 * softmax cross-entropy gives d(logits) = (softmax - y) / rows, mean squared error 2(out - y) / (rows·outputs).
 */
export function leakyGradients(groups: readonly ParamGroup[], act: PackActivation, task: Task, x: tf.Tensor3D, y: tf.Tensor3D): tf.Tensor[] {
  const names = groups.map((group) => group.name);
  const layers = layersOf(groups.map((group) => group.value), names);
  const { output, inputs, masks, slopes } = forwardPack(layers, x, act, false, true);
  const rows = x.shape[1];
  const depth = layers.biases.length - 1;
  let dz: tf.Tensor3D =
    task === 'classification'
      ? tf.div(tf.sub(tf.softmax(output), y), rows)
      : tf.mul(tf.sub(output, y), 2 / (rows * output.shape[2]));
  const kernels: tf.Tensor3D[] = new Array(depth + 1);
  const biases: tf.Tensor3D[] = new Array(depth + 1);
  for (let layer = depth; layer >= 0; layer--) {
    kernels[layer] = tf.matMul(inputs[layer], dz, true, false);
    biases[layer] = tf.sum(dz, 1, true);
    if (layer === 0) break;
    const da = tf.matMul(dz, layers.kernels[layer], false, true);
    dz = slopes ? tf.mul(da, slopes[layer - 1]) : select(masks![layer - 1], da, tf.mul(da, act.alpha));
  }
  return groupsOf({ kernels, biases, slopes: null }, names);
}

/** sqrt(Σ g²) of every hidden kernel's gradient, [depth, R]: the first layer's from kin, the rest from kh. */
function kernelNorms(grads: readonly tf.Tensor[], names: readonly ParamGroup['name'][]): tf.Tensor2D {
  const first = tf.sum(tf.square(grads[names.indexOf('kin')]), [1, 2], true).reshape([1, -1]);
  if (!names.includes('kh')) return tf.sqrt(first) as tf.Tensor2D;
  const rest = tf.sum(tf.square(grads[names.indexOf('kh')]), [2, 3]);
  return tf.sqrt(tf.concat([first, rest], 0)) as tf.Tensor2D;
}
