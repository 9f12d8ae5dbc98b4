/**
 * Every run's measurements after an epoch, in one device read. One forward pass over each run's
 * training and test rows (in chunks of EVAL_CHUNK rows) gives the losses and accuracies, and its
 * pre-activations at the probe rows (a subset of the training rows) give the probe counts: how
 * many probe inputs make each unit's z positive, all src/metrics needs to find dead units.
 */
import * as tf from '@tensorflow/tfjs-core';
import { measurementLayout } from './measurement-layout.js';
import { forwardPack, packCorrect, packLossSums } from './network.js';
import type { Pack } from './pack.js';
import { layersOf } from './params.js';
import type { NormSums } from './step.js';

/** One run's numbers after an epoch. */
export interface RunMeasurement {
  /** Mean loss over the training split. */
  loss: number;
  /** Share of training rows classified right; null for regression. */
  accuracy: number | null;
  /** The same over the test split; null without test rows. */
  test: { loss: number; accuracy: number | null } | null;
  /** counts[layer][unit]: probe inputs with z > 0. */
  counts: number[][];
  /** Each hidden kernel's gradient norm, averaged over the pass's steps. */
  gradNorms: number[];
}

/** Measures every run of the pack as its parameters are now; `norms` are the epoch's gradient-norm sums. */
export function measurePack(pack: Pack, norms: NormSums): RunMeasurement[] {
  const { data, act, task } = pack;
  const R = pack.shape.runs;
  const layout = measurementLayout({
    runs: R,
    depth: pack.shape.depth,
    width: pack.shape.width,
    n: data.n,
    nTest: data.nTest,
  });
  /** Rows [from, from + count) of a [R, rows, ·] tensor (the tensor itself when that is all of it). */
  const rows = <T extends tf.Tensor>(t: T, from: number, count: number): T =>
    from === 0 && count === t.shape[1] ? t : tf.slice(t, [0, from, 0], [R, count, t.shape[2]!]);

  const flat = tf.tidy(() => {
    const layers = layersOf(
      pack.groups.map((group) => group.value),
      pack.groups.map((group) => group.name),
    );
    const sums: tf.Tensor[] = [];
    let counts: tf.Tensor[] | null = null;
    for (const chunk of layout.chunks) {
      // A tidy per chunk: only its [R] sums and [R·W] counts outlive it, so a chunk's rows bound the memory.
      const measured = tf.tidy(() => {
        const { output, z, masks } = forwardPack(layers, rows(data.xAll, chunk.start, chunk.size), act);
        const y = rows(data.yAll, chunk.start, chunk.size);
        const chunkSums = chunk.parts.flatMap((part) => {
          const out = rows(output, part.from - chunk.start, part.to - part.from);
          const target = rows(y, part.from - chunk.start, part.to - part.from);
          return [
            packLossSums(task, out, target),
            task === 'classification' ? packCorrect(out, target) : tf.zeros([R]),
          ];
        });
        if (!chunk.probed) return { sums: chunkSums, counts: [] };
        const { probeIndicator } = data;
        const indicator =
          chunk.size === data.n + data.nTest
            ? probeIndicator
            : tf.slice(probeIndicator, [0, 0, chunk.start], [R, 1, chunk.size]);
        // [R, 1, rows] · [R, rows, W]: per run and unit, the probe rows with z > 0.
        const positive = (layer: number) => tf.cast(masks?.[layer] ?? tf.greater(z[layer], 0), 'float32');
        return { sums: chunkSums, counts: z.map((_, layer) => tf.matMul(indicator, positive(layer)).reshape([-1])) };
      });
      sums.push(...measured.sums);
      if (chunk.probed)
        counts = counts === null ? measured.counts : counts.map((sum, layer) => tf.add(sum, measured.counts[layer]));
    }
    return tf.concat([...sums, ...counts!, norms.sums.reshape([-1])]);
  });
  const values = flat.dataSync() as Float32Array;
  flat.dispose();
  if (values.length !== layout.length)
    throw new Error(`the measurement read ${values.length} numbers where its layout has ${layout.length}`);

  const classification = task === 'classification';
  return layout.read(values).map((run) => ({
    loss: run.train.loss / data.n,
    accuracy: classification ? run.train.correct / data.n : null,
    test:
      data.nTest > 0
        ? { loss: run.test.loss / data.nTest, accuracy: classification ? run.test.correct / data.nTest : null }
        : null,
    counts: run.counts,
    gradNorms: run.normSums.map((sum) => sum / Math.max(norms.steps, 1)),
  }));
}
