/**
 * One network's optimisation step with tf.train's optimizers and automatic differentiation: the
 * step runs trained with before packs (training/pack/), kept as their reference. The packed
 * optimizer is tested against makeOptimizer's, the memory estimate's constants were measured on
 * this step, and scripts/bench/profile-step.ts profiles both.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../datasets/types.js';
import { forward, trainableVariables, type Mlp } from '../model/mlp.js';
import { lossSum } from './objective.js';

export function makeOptimizer(training: RunConfig['training']): tf.Optimizer {
  switch (training.optimizer) {
    case 'sgd':
      return tf.train.sgd(training.learningRate);
    case 'momentum':
      return tf.train.momentum(training.learningRate, training.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(training.learningRate, 0.9, 0.999, 1e-7);
  }
}

/**
 * One gradient step on a batch: the loss gradient of every variable, applied unless `update` is
 * false. Returns the L2 norm of each hidden kernel's gradient, [depth]; the caller disposes it.
 */
export function trainingStep(
  mlp: Mlp,
  optimizer: tf.Optimizer,
  task: Dataset['task'],
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  update = true,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { grads } = optimizer.computeGradients(
      () => tf.div(lossSum(task, forward(mlp, x).output, y), x.shape[0]) as tf.Scalar,
      trainableVariables(mlp),
    );
    // sqrt(sum(g^2)) rather than tf.norm, which runs TensorFlow's generic Pow kernel and took
    // a quarter of a native training step (measured with `dead-neurons bench`).
    const norms = tf.sqrt(tf.stack(mlp.hidden.map((layer) => tf.sum(tf.square(grads[layer.kernel.name]))))) as tf.Tensor1D;
    if (update) optimizer.applyGradients(grads);
    return norms;
  });
}
