/**
 * The training loop of one run, written out by hand because `fit({shuffle: true})` cannot be
 * seeded: our own batch order, per-layer kernel-gradient norms, and the dead-unit measurement at
 * initialisation (epoch 0) and after every epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isCollapsed, layerMetrics, overallDeadFraction, type LayerMetrics } from '../metrics/dead-units.js';
import type { RunConfig } from './config-schema.js';
import type { Dataset, Split } from './datasets/types.js';
import { probePositiveCounts } from './measure.js';
import { forward, trainableVariables, type Mlp } from './model.js';
import { correctCount, inputRows, lossSum, targetRows } from './objective.js';
import { createRng } from './rng.js';

export interface LayerRecord extends Omit<LayerMetrics, 'deadMask'> {
  /** 1-based hidden layer index, input side first. */
  layer: number;
  /** Mean over the epoch's steps of the L2 norm of dLoss/dKernel. */
  gradNorm: number;
}

export interface EpochRecord {
  /** 0 = at initialisation. */
  epoch: number;
  /** Mean loss over the whole training set, measured after the epoch. */
  loss: number;
  trainAccuracy: number | null;
  testLoss: number | null;
  testAccuracy: number | null;
  /** Dead units over all hidden units. */
  deadFraction: number;
  collapsed: boolean;
  layers: LayerRecord[];
}

export interface TrainOutcome {
  epochs: EpochRecord[];
  /** First epoch whose loss was NaN or infinite; training stops there. */
  divergedAtEpoch: number | null;
}

export interface TrainHooks {
  onEpoch?: (record: EpochRecord) => void;
  /** Checked between epochs: an aborted run throws the signal's reason and leaves nothing behind. */
  signal?: AbortSignal;
}

/** Rows per evaluation chunk: bounds memory on big splits without changing any sum. */
const EVAL_CHUNK = 4096;

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

/** Trains `mlp` on `dataset` as `config` says, measuring after every epoch. Disposes all it creates. */
export async function train(mlp: Mlp, dataset: Dataset, config: RunConfig, hooks: TrainHooks = {}): Promise<TrainOutcome> {
  const { batchSize, epochs: epochCount } = config.training;
  const { nearDeadThreshold } = config.metrics;
  const nTrain = dataset.train.n;
  const probeRows = createRng(config.seed, 'probe').permutation(nTrain).slice(0, Math.min(config.metrics.probeSize, nTrain));
  const probe = tf.tensor2d(inputRows(dataset.train.x, dataset.inputDim, probeRows), [probeRows.length, dataset.inputDim]);
  const shuffle = createRng(config.seed, 'shuffle');
  const optimizer = makeOptimizer(config.training);
  const records: EpochRecord[] = [];
  let previousDead: boolean[][] | undefined;

  /** One pass over `rows` in batches; updates the weights unless `update` is false. */
  const pass = (rows: Int32Array, update: boolean): number[] => {
    let normSum = tf.zeros([mlp.hidden.length]);
    let steps = 0;
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.subarray(start, Math.min(start + batchSize, rows.length));
      const next = tf.tidy(() => {
        const x = tf.tensor2d(inputRows(dataset.train.x, dataset.inputDim, batch), [batch.length, dataset.inputDim]);
        const y = tf.tensor2d(targetRows(dataset, dataset.train.y, batch), [batch.length, dataset.outputDim]);
        return tf.add(normSum, trainingStep(mlp, optimizer, dataset.task, x, y, update));
      });
      normSum.dispose();
      normSum = next;
      steps++;
    }
    const means = Array.from(normSum.dataSync(), (sum) => sum / Math.max(steps, 1));
    normSum.dispose();
    return means;
  };

  const measure = (epoch: number, gradNorms: number[]): EpochRecord => {
    const trainEval = evaluate(mlp, dataset, dataset.train);
    const testEval = dataset.test.n > 0 ? evaluate(mlp, dataset, dataset.test) : null;
    const scores = {
      epoch,
      loss: trainEval.loss,
      trainAccuracy: trainEval.accuracy,
      testLoss: testEval?.loss ?? null,
      testAccuracy: testEval?.accuracy ?? null,
    };
    if (!Number.isFinite(trainEval.loss)) {
      // Diverged weights give NaN pre-activations, which are neither positive nor <= 0: nothing
      // about dead units can be measured, and counting them as dead would fake a collapse.
      return { ...scores, deadFraction: Number.NaN, collapsed: false, layers: unmeasurable(gradNorms) };
    }
    const counts = probePositiveCounts(mlp, probe);
    const metrics = counts.map((layerCounts, layer) =>
      layerMetrics(layerCounts, probeRows.length, nearDeadThreshold, previousDead?.[layer]),
    );
    previousDead = metrics.map((layer) => layer.deadMask);
    return {
      ...scores,
      deadFraction: overallDeadFraction(metrics),
      collapsed: isCollapsed(metrics),
      layers: metrics.map(({ deadMask: _mask, ...rest }, layer) => ({ layer: layer + 1, ...rest, gradNorm: gradNorms[layer] })),
    };
  };

  const unmeasurable = (gradNorms: number[]): LayerRecord[] =>
    mlp.hidden.map((_, layer) => ({
      layer: layer + 1,
      units: mlp.config.width,
      deadUnits: Number.NaN,
      nearDeadUnits: Number.NaN,
      deadFraction: Number.NaN,
      nearDeadFraction: Number.NaN,
      activeRate: Number.NaN,
      revived: Number.NaN,
      newlyDead: Number.NaN,
      gradNorm: gradNorms[layer],
    }));

  try {
    // At initialisation the gradient is measured on the probe set without taking a step.
    let record = measure(0, pass(probeRows, false));
    for (let epoch = 0; ; epoch++) {
      records.push(record);
      hooks.onEpoch?.(record);
      if (!Number.isFinite(record.loss)) return { epochs: records, divergedAtEpoch: record.epoch };
      if (epoch === epochCount) return { epochs: records, divergedAtEpoch: null };
      // Let signal handlers (Ctrl-C) run between epochs; the loop itself is synchronous.
      await new Promise((resolve) => setImmediate(resolve));
      hooks.signal?.throwIfAborted();
      record = measure(epoch + 1, pass(shuffle.permutation(nTrain), true));
    }
  } finally {
    probe.dispose();
    optimizer.dispose();
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

/** Mean loss (and accuracy for classification) over a whole split, in chunks. */
export function evaluate(mlp: Mlp, dataset: Dataset, split: Split): { loss: number; accuracy: number | null } {
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < split.n; start += EVAL_CHUNK) {
    const rows = Int32Array.from({ length: Math.min(EVAL_CHUNK, split.n - start) }, (_, i) => start + i);
    const sums = tf.tidy(() => {
      const x = tf.tensor2d(inputRows(split.x, dataset.inputDim, rows), [rows.length, dataset.inputDim]);
      const y = tf.tensor2d(targetRows(dataset, split.y, rows), [rows.length, dataset.outputDim]);
      const { output } = forward(mlp, x);
      const parts = [lossSum(dataset.task, output, y)];
      if (dataset.task === 'classification') parts.push(correctCount(output, y));
      return tf.stack(parts);
    });
    const [chunkLoss, chunkCorrect = 0] = sums.dataSync();
    sums.dispose();
    loss += chunkLoss;
    correct += chunkCorrect;
  }
  return { loss: loss / split.n, accuracy: dataset.task === 'classification' ? correct / split.n : null };
}
