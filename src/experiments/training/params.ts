/**
 * The parameters of R networks of one shape, stacked so that a step touches each kind of parameter
 * with one kernel: the first and last kernels run-first ([R, in, out]), the hidden-to-hidden
 * kernels and the hidden biases layer-first ([L-1, R, W, W], [L, R, 1, W]) so that one Unpack
 * hands every layer its slice. Run r's initial weights come from its own seeded stream,
 * createRng(seed, 'init'), drawn layer by layer from the input side, so they are the same on
 * every backend and in every pack.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/schema.js';
import { initLayer, type LayerInit } from '../model/initializers.js';
import { createRng } from '../rng.js';

/** One kind of parameter: its tensor, and which axis indexes the run (for per-run learning rates). */
export interface ParamGroup {
  name: 'kin' | 'kh' | 'kout' | 'bh' | 'bout' | 'slopes';
  value: tf.Tensor;
  runAxis: 0 | 1;
}

export interface PackShape {
  runs: number;
  inputDim: number;
  outputDim: number;
  depth: number;
  width: number;
}

/** Per-layer views of the groups, made inside a step's tidy. Kernels and biases include the output layer last. */
export interface Layers {
  kernels: tf.Tensor3D[];
  biases: tf.Tensor3D[];
  /** PReLU's per-unit slopes, [R, 1, W] per hidden layer. */
  slopes: tf.Tensor3D[] | null;
}

/** A network's dense layers as plain arrays, hidden layers first: kernel [fanIn, fanOut] row-major and bias. */
export type InitialLayers = readonly LayerInit[];

/**
 * The groups of a pack, in a fixed order: kin, kh (depth > 1), kout, bh, bout, slopes (prelu).
 * `initial[r]`, where given, replaces run r's seeded draw.
 */
export function initParams(
  configs: readonly RunConfig[],
  shape: PackShape,
  initial: readonly (InitialLayers | undefined)[] = [],
): ParamGroup[] {
  const { runs: R, inputDim: D, outputDim: C, depth: L, width: W } = shape;
  const kin = new Float32Array(R * D * W);
  const kh = new Float32Array(Math.max(L - 1, 0) * R * W * W);
  const kout = new Float32Array(R * W * C);
  const bh = new Float32Array(L * R * W);
  const bout = new Float32Array(R * C);
  configs.forEach((config, r) => {
    // Every hidden layer, input side first, then the read-out.
    const rng = createRng(config.seed, 'init');
    const { init, biasInit } = config.model;
    const draw = (layer: number, fanIn: number, fanOut: number) =>
      initial[r]?.[layer] ?? initLayer(init, fanIn, fanOut, biasInit, rng);
    for (let layer = 0; layer < L; layer++) {
      const fanIn = layer === 0 ? D : W;
      const { kernel, bias } = draw(layer, fanIn, W);
      if (layer === 0) kin.set(kernel, r * D * W);
      else kh.set(kernel, ((layer - 1) * R + r) * W * W);
      bh.set(bias, (layer * R + r) * W);
    }
    const { kernel, bias } = draw(L, W, C);
    kout.set(kernel, r * W * C);
    bout.set(bias, r * C);
  });
  const groups: ParamGroup[] = [{ name: 'kin', value: tf.tensor3d(kin, [R, D, W]), runAxis: 0 }];
  if (L > 1) groups.push({ name: 'kh', value: tf.tensor4d(kh, [L - 1, R, W, W]), runAxis: 1 });
  groups.push(
    { name: 'kout', value: tf.tensor3d(kout, [R, W, C]), runAxis: 0 },
    { name: 'bh', value: tf.tensor4d(bh, [L, R, 1, W]), runAxis: 1 },
    { name: 'bout', value: tf.tensor3d(bout, [R, 1, C]), runAxis: 0 },
  );
  if (configs[0].model.activation === 'prelu') {
    const slopes = new Float32Array(L * R * W);
    configs.forEach((config, r) => {
      for (let layer = 0; layer < L; layer++)
        slopes.fill(config.model.alpha ?? 0, (layer * R + r) * W, (layer * R + r + 1) * W);
    });
    groups.push({ name: 'slopes', value: tf.tensor4d(slopes, [L, R, 1, W]), runAxis: 1 });
  }
  return groups;
}

/**
 * A layer-first group's slices, one per layer. Of a single layer, a squeeze: TF.js's gradient of
 * unstack breaks when the axis has length 1 (it is handed one tensor where it stacks a list), which
 * made every tf.grads activation fail at depth 1 and 2.
 */
function perLayer(group: tf.Tensor): tf.Tensor3D[] {
  return (group.shape[0] === 1 ? [tf.squeeze(group, [0])] : tf.unstack(group)) as tf.Tensor3D[];
}

/** Splits the groups (given in initParams' order, as values or their gradients' stand-ins) into per-layer views. */
export function layersOf(values: readonly tf.Tensor[], names: readonly ParamGroup['name'][]): Layers {
  const get = (name: ParamGroup['name']) => values[names.indexOf(name)];
  return {
    kernels: [
      get('kin') as tf.Tensor3D,
      ...(names.includes('kh') ? perLayer(get('kh')) : []),
      get('kout') as tf.Tensor3D,
    ],
    biases: [...perLayer(get('bh')), get('bout') as tf.Tensor3D],
    slopes: names.includes('slopes') ? perLayer(get('slopes')) : null,
  };
}

/** Per-layer gradients back into the groups' shapes, in `names` order. */
export function groupsOf(layers: Layers, names: readonly ParamGroup['name'][]): tf.Tensor[] {
  const depth = layers.biases.length - 1;
  return names.map((name) => {
    switch (name) {
      case 'kin':
        return layers.kernels[0];
      case 'kh':
        return tf.stack(layers.kernels.slice(1, depth));
      case 'kout':
        return layers.kernels[depth];
      case 'bh':
        return tf.stack(layers.biases.slice(0, depth));
      case 'bout':
        return layers.biases[depth];
      case 'slopes':
        return tf.stack(layers.slopes!);
    }
  });
}
