/**
 * The TensorBoard scalars of one finished run, keyed by epoch (0 = initialisation): loss,
 * accuracies and the whole network's dead fraction, then per hidden layer its dead fraction and
 * gradient norm ("dead_fraction/layer_03"), so TensorBoard groups them by metric. The values are
 * the ones epochs.csv and metrics.csv hold; missing ones (no accuracy for regression) are left out.
 */
import type { ScalarPoint } from '../../experiments/backend/load.js';
import type { RunResult } from '../../experiments/types.js';

export function runScalars(result: RunResult): ScalarPoint[] {
  const depth = Math.max(0, ...result.epochs.map((epoch) => epoch.layers.length));
  // Zero-padded so TensorBoard sorts layer 10 after layer 9.
  const layerTag = (metric: string, layer: number) => `${metric}/layer_${String(layer).padStart(Math.max(2, String(depth).length), '0')}`;
  return result.epochs.flatMap((epoch) => {
    const step = epoch.epoch;
    const scalars: [string, number | null][] = [
      ['loss', epoch.loss],
      ['train_accuracy', epoch.trainAccuracy],
      ['test_loss', epoch.testLoss],
      ['test_accuracy', epoch.testAccuracy],
      ['dead_fraction/all', epoch.deadFraction],
      ...epoch.layers.map((layer): [string, number] => [layerTag('dead_fraction', layer.layer), layer.deadFraction]),
      ...epoch.layers.map((layer): [string, number] => [layerTag('grad_norm', layer.layer), layer.gradNorm]),
    ];
    return scalars.filter((entry): entry is [string, number] => entry[1] !== null).map(([tag, value]) => ({ tag, step, value }));
  });
}
