/**
 * The loss gradient of a pack. ReLU and Leaky ReLU (one family: ReLU is slope 0) get a
 * hand-derived backward pass, about ten kernels a layer for all R runs; every other activation is
 * differentiated by tf.grads through the same forward pass. Both are checked against each other
 * and against finite differences in test/experiments/training/gradients.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { select, type PackActivation } from './activations.js';
import { packKernels } from './kernels.js';
import { forwardPack, packLossSums, type Task } from './network.js';
import { groupsOf, layersOf, type ParamGroup } from './params.js';

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
  const grads =
    act.family === 'leaky' ? leakyGradients(groups, act, task, x, y) : autodiffGradients(groups, act, task, x, y);
  return { grads, norms: kernelNorms(grads, names) };
}

/** tf.grads through the forward pass: the loss is the sum over runs of each run's mean loss. */
export function autodiffGradients(
  groups: readonly ParamGroup[],
  act: PackActivation,
  task: Task,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): tf.Tensor[] {
  const names = groups.map((group) => group.name);
  const loss = (...values: tf.Tensor[]) => {
    const { output } = forwardPack(layersOf(values, names), x, act, { purpose: 'autodiff' });
    return tf.div<tf.Scalar>(tf.sum(packLossSums(task, output, y)), x.shape[1]);
  };
  return tf.grads(loss)(groups.map((group) => group.value));
}

/**
 * The hand-derived backward pass of the leaky family. With z = a·K + b and a' = z > 0 ? z : αz:
 * dz = z > 0 ? da' : α·da', dK = aᵀ·dz, db = Σ_rows dz, da = dz·Kᵀ. At the output, the mean
 * softmax cross-entropy gives d(logits) = (softmax - y) / rows, mean squared error 2(out - y) / (rows·outputs).
 */
export function leakyGradients(
  groups: readonly ParamGroup[],
  act: PackActivation,
  task: Task,
  x: tf.Tensor3D,
  y: tf.Tensor3D,
): tf.Tensor[] {
  const names = groups.map((group) => group.name);
  const layers = layersOf(
    groups.map((group) => group.value),
    names,
  );
  const { output, inputs, masks, slopes } = forwardPack(layers, x, act, { purpose: 'backprop' });
  const rows = x.shape[1];
  const depth = layers.biases.length - 1;
  const k = packKernels();
  let dz: tf.Tensor3D =
    task === 'classification'
      ? tf.div(tf.sub(k.softmax(output), y), rows)
      : tf.mul(tf.sub(output, y), 2 / (rows * output.shape[2]));
  const kernels = new Array<tf.Tensor3D>(depth + 1);
  const biases = new Array<tf.Tensor3D>(depth + 1);
  for (let layer = depth; layer >= 0; layer--) {
    kernels[layer] = k.matMul(inputs[layer], dz, true, false);
    biases[layer] = k.sumRows(dz);
    if (layer === 0) break;
    const da = k.matMul(dz, layers.kernels[layer], false, true);
    dz = slopes ? tf.mul(da, slopes[layer - 1]) : select(masks![layer - 1], da, tf.mul(da, act.alpha));
  }
  return groupsOf({ kernels, biases, slopes: null }, names);
}

/** sqrt(Σ g²) of every hidden kernel's gradient, [depth, R]: the first layer's from kin, the rest from kh. */
function kernelNorms(grads: readonly tf.Tensor[], names: readonly ParamGroup['name'][]): tf.Tensor2D {
  const { sumEach } = packKernels();
  const first = sumEach(tf.square(grads[names.indexOf('kin')])).reshape([1, -1]);
  if (!names.includes('kh')) return tf.sqrt(first) as tf.Tensor2D;
  const kh = grads[names.indexOf('kh')];
  // [depth - 1, R, W, W] as (depth - 1)·R matrices, each summed on its own.
  const [layers, runs, rows, columns] = kh.shape as [number, number, number, number];
  const rest = sumEach(tf.square(tf.reshape(kh, [layers * runs, rows, columns]))).reshape([layers, runs]);
  return tf.sqrt(tf.concat([first, rest], 0)) as tf.Tensor2D;
}
