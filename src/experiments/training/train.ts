/**
 * The training loop of one run, written out by hand because `fit({shuffle: true})` cannot be
 * seeded: our own batch order, per-layer kernel-gradient norms, and the dead-unit measurement at
 * initialisation (epoch 0) and after every epoch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isCollapsed, layerMetrics, overallDeadFraction } from '../../metrics/dead-units.js';
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../datasets/types.js';
import type { Mlp } from '../model/mlp.js';
import { createRng } from '../rng.js';
import type { EpochRecord, LayerRecord } from '../types.js';
import { evaluate } from './evaluate.js';
import { probePositiveCounts } from './measure.js';
import { inputRows, targetRows } from './objective.js';
import { makeOptimizer, trainingStep } from './step.js';

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

/** Longest stretch of training steps between two chances for a signal handler to run. */
const YIELD_MS = 200;

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

  // Steps are synchronous, so Ctrl-C's handler only runs when the loop lets the event loop turn.
  // Turning it every YIELD_MS keeps a stop within a fraction of a second even in a long epoch,
  // at the cost of one clock read per step.
  let lastYield = performance.now();
  const yieldToSignals = async () => {
    if (performance.now() - lastYield < YIELD_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    hooks.signal?.throwIfAborted();
  };

  /** One pass over `rows` in batches; updates the weights unless `update` is false. */
  const pass = async (rows: Int32Array, update: boolean): Promise<number[]> => {
    let normSum = tf.zeros([mlp.hidden.length]);
    let steps = 0;
    for (let start = 0; start < rows.length; start += batchSize) {
      try {
        await yieldToSignals();
      } catch (error) {
        normSum.dispose();
        throw error;
      }
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
    let record = measure(0, await pass(probeRows, false));
    for (let epoch = 0; ; epoch++) {
      records.push(record);
      hooks.onEpoch?.(record);
      if (!Number.isFinite(record.loss)) return { epochs: records, divergedAtEpoch: record.epoch };
      if (epoch === epochCount) return { epochs: records, divergedAtEpoch: null };
      await new Promise((resolve) => setImmediate(resolve));
      hooks.signal?.throwIfAborted();
      record = measure(epoch + 1, await pass(shuffle.permutation(nTrain), true));
    }
  } finally {
    probe.dispose();
    optimizer.dispose();
  }
}
