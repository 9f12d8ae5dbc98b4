/**
 * Where a pack's training time goes, per phase: kernels per call (tf.profile) and wall time per
 * call (median of repeats, each ended by a device read), for a pack of one run and a pack of PACK
 * runs (9 by default, as configs/deep.json). Run from the sources:
 *
 *   node --import tsx scripts/bench/profile-step.ts [backend] [depth] [width] [batch] [activation]
 *
 * Phases: `step` (forward, backward, grad norms, optimizer update: what a training pass runs per
 * batch), `grads` (the same without the update), `measure` (an epoch's measurement: loss,
 * accuracy and probe counts over 1,600 training rows, one device read).
 */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/experiments/backend/load.js';
import { runConfigSchema } from '../../src/experiments/config/schema.js';
import type { Dataset } from '../../src/experiments/datasets/types.js';
import { gatherBatch, orderTensor } from '../../src/experiments/training/data.js';
import { packGradients } from '../../src/experiments/training/gradients.js';
import { measurePack } from '../../src/experiments/training/measure.js';
import { closePack, openPack } from '../../src/experiments/training/pack.js';

const [backendName = 'tensorflow', depth = '32', width = '16', batch = '64', activation = 'leaky_relu'] =
  process.argv.slice(2);
await useBackend(backendName as 'tensorflow', {});
const rows = 1600;
const inputDim = 2;
const xs = Float32Array.from({ length: rows * inputDim }, (_, i) => Math.sin(i));
const ys = Float32Array.from({ length: rows }, (_, i) => i % 2);
const dataset: Dataset = {
  task: 'classification',
  inputDim,
  outputDim: 2,
  train: { n: rows, x: xs, y: ys },
  test: { n: 0, x: xs, y: ys },
};
const b = Number(batch);
const median = (values: number[]) => values.sort((p, q) => p - q)[Math.floor(values.length / 2)];

for (const runs of [1, Number(process.env.PACK ?? 9)]) {
  const configs = Array.from({ length: runs }, (_, r) =>
    runConfigSchema.parse({
      seed: r + 1,
      model: { depth: Number(depth), width: Number(width), activation },
      training: { batchSize: b, learningRate: 0.01 },
    }),
  );
  const pack = openPack(configs.map((config) => ({ config, dataset })));
  const order = orderTensor(
    pack.data,
    configs.map(() => Int32Array.from({ length: b }, (_, i) => i)),
  );
  const { x, y } = gatherBatch(pack.data, order, 0, b);
  const gradients = () =>
    tf.tidy(() => {
      const { grads, norms } = packGradients(pack.groups, pack.act, pack.task, x, y);
      return [norms, ...grads];
    });
  const phases: Record<string, () => void | Promise<void>> = {
    step: () => {
      const [norms, ...grads] = gradients();
      pack.optimizer.apply(pack.groups, grads);
      tf.dispose([norms, ...grads]);
    },
    grads: () => tf.dispose(gradients()),
    measure: async () => {
      const sums = tf.zeros<tf.Rank.R2>([pack.shape.depth, runs]);
      await measurePack(pack, { sums, steps: 1 });
      sums.dispose();
    },
  };
  for (const phase of Object.values(phases)) await phase(); // warm-up: optimizer slots, kept slopes, kernel caches
  for (const [name, phase] of Object.entries(phases)) {
    const profile = await tf.profile(async () => {
      await phase();
    });
    const counts = new Map<string, number>();
    for (const kernel of profile.kernels) counts.set(kernel.name, (counts.get(kernel.name) ?? 0) + 1);
    const calls = name === 'measure' ? 5 : 40;
    const times: number[] = [];
    for (let repeat = 0; repeat < 5; repeat++) {
      const start = performance.now();
      for (let call = 0; call < calls; call++) await phase();
      tf.tidy(() => tf.sum(pack.groups[0].value)).dataSync();
      times.push((performance.now() - start) / calls);
    }
    const ms = median(times);
    const top = [...counts]
      .sort((p, q) => q[1] - p[1])
      .slice(0, 10)
      .map(([kernel, n]) => `${kernel} ${n}`)
      .join(', ');
    console.log(
      `R=${runs} ${name.padEnd(7)} ${ms.toFixed(3).padStart(8)} ms (${(ms / runs).toFixed(3)} per run)  ${String(profile.kernels.length).padStart(5)} kernels  ${top}`,
    );
  }
  tf.dispose([order, x, y]);
  closePack(pack);
}
