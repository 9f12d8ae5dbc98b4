/**
 * What TensorBoard shows of a sweep: the folder each run's event files go in, named by its
 * configuration and seed, and the scalars of one finished run, keyed by epoch (0 = initialisation): loss,
 * accuracies and the whole network's dead fraction, then per hidden layer its dead fraction and
 * gradient norm ("dead_fraction/layer_03"), so TensorBoard groups them by metric. The values are
 * the ones epochs.csv and metrics.csv hold; missing ones (no accuracy for regression) are left out.
 */
import type { ScalarPoint } from '../../experiments/backend/load.js';
import { CONFIG_FIELDS } from '../../experiments/config/paths.js';
import type { PlannedRun, RunResult } from '../../experiments/types.js';

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

/** Short prefixes for the numbers a sweep usually varies ("a0.1" for alpha 0.1); other fields go by their own name. */
const PREFIXES: Readonly<Record<string, string>> = {
  'model.alpha': 'a',
  'model.depth': 'd',
  'model.width': 'w',
  'model.biasInit': 'b',
  'training.learningRate': 'lr',
  'training.batchSize': 'bs',
  'training.epochs': 'e',
  'training.momentum': 'm',
  'dataset.samples': 'n',
  seed: 's',
};

const CHOICES = new Map(CONFIG_FIELDS.map((field) => [field.path, field.choices ?? []]));

/** Letters, digits, ".", "_" and "-" only: safe in a path on every system and in a shell. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * One TensorBoard folder name per run, from its configuration and seed, so TensorBoard's run list
 * reads like the summary: the swept values in sweep order (a named choice as itself, a number
 * after a short prefix), then the seed: "leaky_relu-a0.1-s3", "relu-s3". Without swept values the
 * experiment's name leads ("deep-s1"). Names are unique over `plan`: where two runs would share
 * one (a sweep of file paths that differ only in unsafe characters, say), each gets its run id too.
 */
export function tensorboardNames(plan: readonly PlannedRun[]): Map<string, string> {
  const named = plan.map((run) => {
    const parts = Object.entries(run.swept)
      .filter(([path, value]) => path !== 'seed' && value !== null && value !== undefined)
      .map(([path, value]) => {
        if (typeof value === 'string' && CHOICES.get(path)?.includes(value)) return safe(value);
        return safe(`${PREFIXES[path] ?? path.split('.').pop()}${String(value)}`);
      });
    const lead = parts.length > 0 ? parts : [safe(run.config.name)];
    return { runId: run.runId, name: [...lead, `s${run.config.seed}`].join('-') };
  });
  const counts = new Map<string, number>();
  for (const { name } of named) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Map(named.map(({ runId, name }) => [runId, counts.get(name)! > 1 ? `${name}-${runId}` : name]));
}
