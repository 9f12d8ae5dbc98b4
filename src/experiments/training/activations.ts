/**
 * The hidden layers' nonlinearities on a pack's [R, rows, W] tensors, with each run's alpha (TF.js's
 * own defaults differ: LeakyReLU 0.3, PReLU 0, ELU 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/schema.js';
import { activationFamily, type ActivationFamily } from '../model/activation-family.js';
import { packKernels } from './kernels.js';

const SQRT_HALF = Math.SQRT1_2;

/** Ones and each run's alpha, [R, rows, W]: a leaky layer's slope s = z > 0 ? 1 : alpha is one select between them. */
interface FullSlopes {
  ones: tf.Tensor3D;
  alpha: tf.Tensor3D;
}

/** FullSlopes per row count, each made once and kept across steps. */
interface SlopeCache {
  get(rows: number): FullSlopes;
  dispose(): void;
}

/** What a pack's hidden layers apply: the family and, per run, its alpha as [R, 1, 1]. */
export interface PackActivation {
  family: ActivationFamily;
  /** Leaky slope (0 for relu), elu's alpha; zeros where the activation takes none. */
  alpha: tf.Tensor3D;
  /** Every run is plain relu (slope 0): one Relu kernel instead of a select. */
  pureRelu: boolean;
  /**
   * With it a leaky training step's forward pass makes each layer's slope s once, a = z·s, and
   * the backward pass needs one kernel, dz = da·s, instead of a select and a product.
   */
  fullSlopes?: SlopeCache;
}

/** The activation of a pack whose runs have these model configs (one family). Dispose it with disposePackActivation. */
export function packActivation(
  models: readonly Pick<RunConfig['model'], 'activation' | 'alpha'>[],
  width: number,
): PackActivation {
  // PReLU's slopes are parameters (params.ts), not alpha.
  const alphas = models.map((model) => (model.activation === 'prelu' ? 0 : (model.alpha ?? 0)));
  const alpha = tf.tensor3d(alphas, [models.length, 1, 1]);
  return {
    family: activationFamily(models[0].activation),
    alpha,
    pureRelu: models.every((model) => model.activation === 'relu'),
    fullSlopes: slopeCache(alpha, width),
  };
}

export function disposePackActivation(act: PackActivation): void {
  act.alpha.dispose();
  act.fullSlopes?.dispose();
}

function slopeCache(alpha: tf.Tensor3D, width: number): SlopeCache {
  const cache = new Map<number, FullSlopes>();
  const runs = alpha.shape[0];
  return {
    get: (rows) => {
      let full = cache.get(rows);
      if (!full) {
        full = tf.tidy(() => {
          const ones = tf.ones<tf.Rank.R3>([runs, rows, width]);
          return { ones: tf.keep(ones), alpha: tf.keep(tf.mul(tf.ones([runs, rows, width]), alpha)) };
        }) as FullSlopes;
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
      const perInput = tf.where(m, tf.zerosLike(dy), tf.mul(dy, x)) as tf.Tensor3D;
      // Per-unit slopes [R, 1, W] sum over the rows alone; one slope per run [R, 1, 1] over rows and units.
      const slopeGrad = s.shape[2] === 1 ? tf.sum(perInput, [1, 2], true) : packKernels().sumRows(perInput);
      return [tf.where(m, dy, tf.mul(dy, s)), slopeGrad];
    },
  };
}) as (z: tf.Tensor3D, slope: tf.Tensor3D) => tf.Tensor3D;

/**
 * tf.where(condition, a, b) for operands of one shape, as the Select kernel alone: tf.where first
 * broadcasts all three operands, which costs an Identity kernel each even when the shapes agree
 * (a third of a leaky step's kernels on tfjs-node, profiled). No gradient: hand-derived paths only.
 */
export function select(condition: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  return tf.engine().runKernel<tf.Tensor3D>('Select', { condition, t: a, e: b });
}

export interface ActivateOptions {
  /** PReLU's per-unit slopes for this layer, [R, 1, W]. */
  slope?: tf.Tensor3D | null;
  /** Through ops tf.grads can differentiate (the same values). */
  differentiable?: boolean;
}

/**
 * A hidden layer's output from its pre-activation z, [R, rows, W], and for the leaky family
 * outside tf.grads the z > 0 mask it made on the way (the dead-unit count and the hand-derived
 * backward pass reuse it).
 */
export function activate(
  z: tf.Tensor3D,
  act: PackActivation,
  options: ActivateOptions = {},
): { a: tf.Tensor3D; mask: tf.Tensor | null } {
  const elementwise = <T extends tf.Tensor>(fn: (x: tf.Tensor) => tf.Tensor, x: T): T =>
    packKernels().elementwise(fn, x);
  switch (act.family) {
    case 'leaky': {
      if (options.differentiable) return { a: slopedRelu(z, act.alpha), mask: null };
      const mask = tf.greater(z, 0);
      // z > 0 ? z : alpha·z, exactly tf.leakyRelu's values (and tf.relu's at slope 0).
      return { a: act.pureRelu ? tf.relu(z) : select(mask, z, tf.mul(z, act.alpha)), mask };
    }
    case 'prelu':
      if (!options.slope) throw new Error('prelu needs its slopes');
      return { a: slopedRelu(z, options.slope), mask: null };
    case 'elu':
      // Without tf.where: its unselected branch's infinite gradient would turn into NaN.
      return { a: tf.add(tf.relu(z), tf.mul(elementwise(tf.expm1, tf.minimum(z, 0)), act.alpha)), mask: null };
    case 'selu':
      return { a: elementwise(tf.selu, z), mask: null };
    case 'gelu':
      return { a: tf.mul(tf.mul(z, 0.5), tf.add(1, elementwise(tf.erf, tf.mul(z, SQRT_HALF)))), mask: null };
    case 'silu':
      return { a: tf.mul(z, elementwise(tf.sigmoid, z)), mask: null };
    case 'tanh':
      return { a: tf.tanh(z), mask: null };
  }
}
