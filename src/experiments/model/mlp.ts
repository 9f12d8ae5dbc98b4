/**
 * The deep MLP as plain variables and one forward function. Writing it out (rather than using
 * tf.layers) hands us every layer's pre-activation, which is what the dead-unit metrics measure.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activate } from './activations.js';
import type { RunConfig } from '../config/schema.js';
import { initLayer } from './initializers.js';
import { createRng } from '../rng.js';

export type ModelConfig = RunConfig['model'];

export interface DenseLayer {
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
  /** PReLU's learned per-unit slope; hidden layers only. */
  slope?: tf.Variable<tf.Rank.R1>;
}

export interface Mlp {
  config: ModelConfig;
  /** `depth` hidden layers. */
  hidden: DenseLayer[];
  /** Linear read-out to the classes (logits) or regression targets. */
  output: DenseLayer;
}

export interface ForwardPass {
  output: tf.Tensor2D;
  /** Pre-activation of each hidden layer, [batch, width]. */
  preActivations: tf.Tensor2D[];
}

/**
 * Builds a fresh MLP. Every weight comes from `createRng(seed, 'init')`, so the same seed gives the
 * same network on every backend. Creates variables; the caller disposes them with `disposeMlp`.
 */
export function buildMlp(config: ModelConfig, inputDim: number, outputDim: number, seed: number): Mlp {
  const rng = createRng(seed, 'init');
  // tidy disposes the initial-value tensor; the variable it returns survives.
  const variable = <R extends tf.Rank>(make: () => tf.Tensor<R>) => tf.tidy(() => tf.variable(make()));
  const dense = (fanIn: number, fanOut: number, hasSlope: boolean): DenseLayer => {
    const { kernel, bias } = initLayer(config.init, fanIn, fanOut, config.biasInit, rng);
    return {
      kernel: variable(() => tf.tensor2d(kernel, [fanIn, fanOut])),
      bias: variable(() => tf.tensor1d(bias)),
      slope: hasSlope ? variable(() => tf.fill([fanOut], config.alpha ?? 0) as tf.Tensor1D) : undefined,
    };
  };
  const hidden: DenseLayer[] = [];
  for (let layer = 0; layer < config.depth; layer++) {
    hidden.push(dense(layer === 0 ? inputDim : config.width, config.width, config.activation === 'prelu'));
  }
  return { config, hidden, output: dense(config.width, outputDim, false) };
}

/** Runs the network on a batch. Call inside tf.tidy or dispose the results. */
export function forward(mlp: Mlp, inputs: tf.Tensor2D): ForwardPass {
  const preActivations: tf.Tensor2D[] = [];
  let activations = inputs;
  for (const layer of mlp.hidden) {
    const z = tf.add(tf.matMul(activations, layer.kernel), layer.bias) as tf.Tensor2D;
    preActivations.push(z);
    activations = activate(z, mlp.config.activation, mlp.config.alpha, layer.slope);
  }
  const output = tf.add(tf.matMul(activations, mlp.output.kernel), mlp.output.bias) as tf.Tensor2D;
  return { output, preActivations };
}

/** Every trainable variable, hidden layers first, in a fixed order. */
export function trainableVariables(mlp: Mlp): tf.Variable[] {
  return [...mlp.hidden, mlp.output].flatMap((layer) => [layer.kernel, layer.bias, ...(layer.slope ? [layer.slope] : [])]);
}

export function disposeMlp(mlp: Mlp): void {
  tf.dispose(trainableVariables(mlp));
}
