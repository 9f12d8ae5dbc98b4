/**
 * The tensor side of the dead-unit metrics: one forward pass over the probe set, counting per unit
 * how many probe inputs give a positive pre-activation. Everything else is plain arithmetic in
 * src/metrics on these counts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, type Mlp } from '../model/mlp.js';

/** counts[layer][unit] = number of probe rows with z > 0. One device read for all layers. */
export function probePositiveCounts(mlp: Mlp, probe: tf.Tensor2D): number[][] {
  const flat = tf.tidy(() => {
    const { preActivations } = forward(mlp, probe);
    // Float counts are exact up to 2^24 probe rows, far past any probe set.
    return tf.concat(preActivations.map((z) => tf.sum(tf.cast(tf.greater(z, 0), 'float32'), 0)));
  });
  const values = flat.dataSync();
  flat.dispose();
  const width = mlp.config.width;
  return mlp.hidden.map((_, layer) => Array.from(values.subarray(layer * width, (layer + 1) * width)));
}
