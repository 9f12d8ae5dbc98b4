/**
 * Where a training epoch's time goes, per phase: kernels per call (tf.profile) and wall time per
 * call (median of repeats, each ended by a device read). Run from the sources:
 *
 *   node --import tsx scripts/bench/profile-step.ts [backend] [depth] [width] [batch] [activation]
 *
 * Phases: `upload` (a batch's x and y from JS arrays), `step` (forward, backward, grad norms,
 * optimizer update: what train.ts runs per batch), `grads` (the same without the update),
 * `probe` (the dead-unit probe pass over 1,000 rows), `eval` (loss and accuracy over 1,600 rows).
 */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/experiments/backend/load.js';
import { runConfigSchema } from '../../src/experiments/config/schema.js';
import { buildMlp } from '../../src/experiments/model/mlp.js';
import { evaluate } from '../../src/experiments/training/evaluate.js';
import { probePositiveCounts } from '../../src/experiments/training/measure.js';
import { makeOptimizer, trainingStep } from '../../src/experiments/training/step.js';

const [backendName = 'tensorflow', depth = '32', width = '16', batch = '64', activation = 'leaky_relu'] = process.argv.slice(2);
await useBackend(backendName as 'tensorflow', {});
const config = runConfigSchema.parse({
  model: { depth: Number(depth), width: Number(width), activation },
  training: { batchSize: Number(batch), learningRate: 0.01 },
});
const inputDim = 2;
const rows = 1600;
const mlp = buildMlp(config.model, inputDim, 2, 1);
const optimizer = makeOptimizer(config.training);
const xs = Float32Array.from({ length: rows * inputDim }, (_, i) => Math.sin(i));
const ys = Float32Array.from({ length: rows }, (_, i) => i % 2);
const dataset = { task: 'classification' as const, inputDim, outputDim: 2, train: { n: rows, x: xs, y: ys }, test: { n: 0, x: xs, y: ys } };
const b = Number(batch);
const x = tf.tensor2d(xs.subarray(0, b * inputDim), [b, inputDim]);
const y = tf.tidy(() => tf.oneHot(tf.tensor1d(ys.subarray(0, b), 'int32'), 2).toFloat()) as tf.Tensor2D;
const probe = tf.tensor2d(xs.subarray(0, 1000 * inputDim), [1000, inputDim]);

const phases: Record<string, () => void> = {
  upload: () => {
    const a = tf.tensor2d(xs.subarray(0, b * inputDim), [b, inputDim]);
    const c = tf.tensor2d(ys.subarray(0, b * 2), [b, 2]);
    a.dispose();
    c.dispose();
  },
  step: () => trainingStep(mlp, optimizer, 'classification', x, y, true).dispose(),
  grads: () => trainingStep(mlp, optimizer, 'classification', x, y, false).dispose(),
  probe: () => void probePositiveCounts(mlp, probe),
  eval: () => void evaluate(mlp, dataset, dataset.train),
};

const median = (values: number[]) => values.sort((p, q) => p - q)[Math.floor(values.length / 2)];
for (const phase of Object.values(phases)) phase(); // warm-up: optimizer slots, kernel caches
for (const [name, phase] of Object.entries(phases)) {
  const profile = await tf.profile(() => phase());
  const counts = new Map<string, number>();
  for (const kernel of profile.kernels) counts.set(kernel.name, (counts.get(kernel.name) ?? 0) + 1);
  const calls = name === 'probe' || name === 'eval' ? 5 : 40;
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    for (let call = 0; call < calls; call++) phase();
    tf.tidy(() => tf.sum(mlp.output.bias)).dataSync();
    times.push((performance.now() - start) / calls);
  }
  const ms = median(times);
  const top = [...counts].sort((p, q) => q[1] - p[1]).slice(0, 8).map(([kernel, n]) => `${kernel} ${n}`).join(', ');
  console.log(
    `${name.padEnd(6)} ${ms.toFixed(3).padStart(8)} ms  ${String(profile.kernels.length).padStart(5)} kernels  ` +
      `${((ms * 1000) / Math.max(profile.kernels.length, 1)).toFixed(1).padStart(6)} us/kernel  ${top}`,
  );
}

// The packed step `run` takes now (src/experiments/training/pack/), for a pack of PACK runs.
const { initParams } = await import('../../src/experiments/training/pack/params.js');
const { packGradients, slopeCache } = await import('../../src/experiments/training/pack/network.js');
const { makePackOptimizer } = await import('../../src/experiments/training/pack/optimizer.js');
for (const runs of [1, Number(process.env.PACK ?? 9)]) {
  const configs = Array.from({ length: runs }, () => config);
  const groups = initParams(configs, { runs, inputDim, outputDim: 2, depth: Number(depth), width: Number(width) });
  const packOptimizer = makePackOptimizer(configs.map((c) => c.training));
  const alpha = tf.fill([runs, 1, 1], config.model.alpha ?? 0) as tf.Tensor3D;
  const act = { activation: config.model.activation, alpha, pureRelu: activation === 'relu', fullSlopes: slopeCache(alpha, Number(width)).get };
  const px = tf.tile(x.expandDims(0), [runs, 1, 1]) as tf.Tensor3D;
  const py = tf.tile(y.expandDims(0), [runs, 1, 1]) as tf.Tensor3D;
  const packedStep = () => {
    const [norms, ...grads] = tf.tidy(() => {
      const out = packGradients(groups, act, 'classification', px, py);
      return [out.norms, ...out.grads];
    });
    packOptimizer.apply(groups, grads);
    tf.dispose([norms, ...grads]);
  };
  packedStep();
  const profile = await tf.profile(() => packedStep());
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    for (let call = 0; call < 40; call++) packedStep();
    tf.tidy(() => tf.sum(groups[0].value)).dataSync();
    times.push((performance.now() - start) / 40);
  }
  const ms = median(times);
  const counts = new Map<string, number>();
  for (const kernel of profile.kernels) counts.set(kernel.name, (counts.get(kernel.name) ?? 0) + 1);
  const top = [...counts].sort((p, q) => q[1] - p[1]).slice(0, 10).map(([kernel, n]) => `${kernel} ${n}`).join(', ');
  console.log(`packed R=${runs}: ${ms.toFixed(3)} ms/step (${(ms / runs).toFixed(3)} per run-step), ${profile.kernels.length} kernels  ${top}`);
}
