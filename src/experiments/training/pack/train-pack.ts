/**
 * The training loop of a pack: R runs of one shape trained in lockstep as one batched network.
 * Each run keeps everything of its own: its data, initial weights, probe set, batch order,
 * learning rate and records, exactly as if it trained alone. Runs never mix (every kernel works
 * run by run), so a run that diverges is recorded and left behind without touching the others.
 * One device read per epoch brings back every run's losses, accuracies, probe counts and
 * gradient norms.
 */
import * as tf from '@tensorflow/tfjs-core';
import { isCollapsed, layerMetrics, overallDeadFraction } from '../../../metrics/dead-units.js';
import type { RunConfig } from '../../config/schema.js';
import type { Dataset } from '../../datasets/types.js';
import { createRng } from '../../rng.js';
import type { EpochRecord, LayerRecord } from '../../types.js';
import { EVAL_CHUNK } from '../evaluate.js';
import { disposePackData, gatherBatch, orderTensor, uploadPackData } from './data.js';
import { forwardPack, packCorrect, packGradients, packLossSums, slopeCache, type PackActivation } from './network.js';
import { makePackOptimizer } from './optimizer.js';
import { initParams, layersOf, type InitialLayers, type ParamGroup } from './params.js';

export interface PackMember {
  config: RunConfig;
  dataset: Dataset;
  /** Starting weights instead of the seeded draw (train() hands over an Mlp's). */
  initial?: InitialLayers;
}

export interface TrainOutcome {
  epochs: EpochRecord[];
  /** First epoch whose loss was NaN or infinite; training stops there. */
  divergedAtEpoch: number | null;
}

export interface PackHooks {
  /** Each run's records as they are measured; `member` indexes the pack's members. */
  onEpoch?: (member: number, record: EpochRecord) => void;
  /** Checked between steps: an aborted pack throws the signal's reason and leaves nothing behind. */
  signal?: AbortSignal;
}

/** Longest stretch of training steps between two chances for a signal handler to run. */
const YIELD_MS = 200;

/** Throws unless every member has the shapes of the first: packs are planned so that they do. */
function requireOneShape(members: readonly PackMember[]): void {
  const shape = ({ config, dataset }: PackMember) =>
    JSON.stringify([
      config.model.depth, config.model.width, config.training.batchSize, config.training.epochs, config.training.optimizer,
      config.metrics.probeSize, dataset.task, dataset.inputDim, dataset.outputDim, dataset.train.n, dataset.test.n,
      config.model.activation === 'prelu', ['relu', 'leaky_relu'].includes(config.model.activation) || config.model.activation,
    ]);
  const first = shape(members[0]);
  const other = members.find((member) => shape(member) !== first);
  if (other) throw new Error(`a pack holds runs of different shapes (seed ${other.config.seed}): ${shape(other)} vs ${first}`);
}

/** Trains every member as its config says, measuring after every epoch. Disposes all it creates. */
export async function trainPack(members: readonly PackMember[], hooks: PackHooks = {}): Promise<TrainOutcome[]> {
  requireOneShape(members);
  const R = members.length;
  const { config: first, dataset: data0 } = members[0];
  const { batchSize, epochs: epochCount } = first.training;
  const { depth, width } = first.model;
  const task = data0.task;
  const n = data0.train.n;
  const probeRows = members.map(({ config }) => createRng(config.seed, 'probe').permutation(n).slice(0, Math.min(config.metrics.probeSize, n)));
  const shuffles = members.map(({ config }) => createRng(config.seed, 'shuffle'));
  const outcomes: TrainOutcome[] = members.map(() => ({ epochs: [], divergedAtEpoch: null }));
  const live = members.map(() => true);
  const previousDead: (boolean[][] | undefined)[] = members.map(() => undefined);

  const data = uploadPackData(members.map((member) => member.dataset), probeRows);
  const shape = { runs: R, inputDim: data0.inputDim, outputDim: data0.outputDim, depth, width };
  const groups = initParams(members.map((member) => member.config), shape, members.map((member) => member.initial));
  const names = groups.map((group) => group.name);
  const alphas = members.map(({ config }) => (config.model.activation === 'prelu' ? 0 : (config.model.alpha ?? 0)));
  const alpha = tf.tensor3d(alphas, [R, 1, 1]);
  const slopes = slopeCache(alpha, width);
  const act: PackActivation = {
    activation: first.model.activation,
    alpha,
    pureRelu: members.every(({ config }) => config.model.activation === 'relu'),
    fullSlopes: slopes.get,
  };
  const optimizer = makePackOptimizer(members.map((member) => member.config.training));

  let lastYield = performance.now();
  const yieldToSignals = async () => {
    if (performance.now() - lastYield < YIELD_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    hooks.signal?.throwIfAborted();
  };

  /** One pass over every run's `orders` in batches; updates the weights unless `update` is false. Returns Σ norms [depth, R] and the step count. */
  const pass = async (orders: Int32Array[], update: boolean): Promise<{ normSum: tf.Tensor2D; steps: number }> => {
    const order = orderTensor(data, orders);
    let normSum = tf.zeros([depth, R]) as tf.Tensor2D;
    let steps = 0;
    try {
      for (let start = 0; start < orders[0].length; start += batchSize) {
        await yieldToSignals();
        const size = Math.min(batchSize, orders[0].length - start);
        const [nextSum, ...grads] = tf.tidy(() => {
          const batch = gatherBatch(data, order, start, size);
          const { grads, norms } = packGradients(groups, act, task, batch.x, batch.y);
          return [tf.add(normSum, norms), ...grads];
        });
        if (update) optimizer.apply(groups, grads);
        tf.dispose(grads);
        normSum.dispose();
        normSum = nextSum as tf.Tensor2D;
        steps++;
      }
      return { normSum, steps };
    } catch (error) {
      normSum.dispose();
      throw error;
    } finally {
      order.dispose();
    }
  };

  /**
   * Every run's measurements after an epoch, in one device read. One forward pass over each run's
   * training and test rows gives the losses and accuracies, and its pre-activations at the probe
   * rows (a subset of the training rows) give the probe counts, through the probe indicator.
   */
  const measure = (epoch: number, { normSum, steps }: { normSum: tf.Tensor2D; steps: number }): void => {
    const total = data.n + data.nTest;
    /** What each [R] block of the read holds, in order: a chunk's loss or correct-count sums over a split. */
    const blocks: { split: 'train' | 'test'; what: 'loss' | 'correct' }[] = [];
    const flat = tf.tidy(() => {
      const layers = layersOf(groups.map((group) => group.value), names);
      const sums: tf.Tensor[] = [];
      let counts: tf.Tensor[] | null = null;
      for (let start = 0; start < total; start += EVAL_CHUNK) {
        const size = Math.min(EVAL_CHUNK, total - start);
        const rows = <T extends tf.Tensor>(t: T, from: number, count: number): T =>
          (from === 0 && count === t.shape[1] ? t : tf.slice(t, [0, from, 0], [R, count, t.shape[2]!])) as T;
        const { output, z, masks } = forwardPack(layers, rows(data.xAll, start, size), act);
        const y = rows(data.yAll, start, size);
        for (const [split, from, to] of [['train', start, Math.min(start + size, data.n)], ['test', Math.max(start, data.n), start + size]] as const) {
          if (to <= from) continue;
          const out = rows(output, from - start, to - from);
          const target = rows(y, from - start, to - from);
          sums.push(packLossSums(task, out, target), task === 'classification' ? packCorrect(out, target) : tf.zeros([R]));
          blocks.push({ split, what: 'loss' }, { split, what: 'correct' });
        }
        if (start < data.n) {
          const indicator = size === total ? data.probeIndicator : tf.slice(data.probeIndicator, [0, 0, start], [R, 1, size]);
          const chunkCounts = z.map((pre, layer) => tf.matMul(indicator, tf.cast(masks?.[layer] ?? tf.greater(pre, 0), 'float32')).reshape([-1]));
          counts = counts === null ? chunkCounts : counts.map((sum, layer) => tf.add(sum, chunkCounts[layer]));
        }
      }
      return tf.concat([...sums, ...counts!, normSum.reshape([-1])]);
    });
    const values = flat.dataSync();
    flat.dispose();
    normSum.dispose();

    // Chunk sums added in double precision, in order, as evaluate() adds its chunks.
    const totals = { train: { loss: new Array<number>(R).fill(0), correct: new Array<number>(R).fill(0) }, test: { loss: new Array<number>(R).fill(0), correct: new Array<number>(R).fill(0) } };
    blocks.forEach(({ split, what }, block) => {
      for (let r = 0; r < R; r++) totals[split][what][r] += values[block * R + r];
    });
    const offset = blocks.length * R;
    const train = totals.train;
    const test = data.nTest > 0 ? totals.test : null;
    const countsAt = offset;
    const normsAt = countsAt + depth * R * width;
    for (let r = 0; r < R; r++) {
      if (!live[r]) continue;
      const counts = Array.from({ length: depth }, (_, layer) =>
        Array.from(values.subarray(countsAt + (layer * R + r) * width, countsAt + (layer * R + r + 1) * width)),
      );
      const gradNorms = Array.from({ length: depth }, (_, layer) => values[normsAt + layer * R + r] / Math.max(steps, 1));
      const record = epochRecord(r, epoch, {
        loss: train.loss[r] / n,
        accuracy: task === 'classification' ? train.correct[r] / n : null,
        test: test ? { loss: test.loss[r] / data.nTest, accuracy: task === 'classification' ? test.correct[r] / data.nTest : null } : null,
        counts,
        gradNorms,
      });
      outcomes[r].epochs.push(record);
      hooks.onEpoch?.(r, record);
      if (!Number.isFinite(record.loss)) {
        outcomes[r].divergedAtEpoch = epoch;
        live[r] = false;
      }
    }
  };

  const epochRecord = (
    r: number,
    epoch: number,
    m: { loss: number; accuracy: number | null; test: { loss: number; accuracy: number | null } | null; counts: number[][]; gradNorms: number[] },
  ): EpochRecord => {
    const scores = { epoch, loss: m.loss, trainAccuracy: m.accuracy, testLoss: m.test?.loss ?? null, testAccuracy: m.test?.accuracy ?? null };
    if (!Number.isFinite(m.loss)) {
      // Diverged weights give NaN pre-activations, which are neither positive nor <= 0: nothing
      // about dead units can be measured, and counting them as dead would fake a collapse.
      return { ...scores, deadFraction: Number.NaN, collapsed: false, layers: unmeasurable(m.gradNorms) };
    }
    const metrics = m.counts.map((layerCounts, layer) =>
      layerMetrics(layerCounts, probeRows[r].length, members[r].config.metrics.nearDeadThreshold, previousDead[r]?.[layer]),
    );
    previousDead[r] = metrics.map((layer) => layer.deadMask);
    return {
      ...scores,
      deadFraction: overallDeadFraction(metrics),
      collapsed: isCollapsed(metrics),
      layers: metrics.map(({ deadMask: _mask, ...rest }, layer) => ({ layer: layer + 1, ...rest, gradNorm: m.gradNorms[layer] })),
    };
  };

  const unmeasurable = (gradNorms: number[]): LayerRecord[] =>
    gradNorms.map((gradNorm, layer) => ({
      layer: layer + 1,
      units: width,
      deadUnits: Number.NaN,
      nearDeadUnits: Number.NaN,
      deadFraction: Number.NaN,
      nearDeadFraction: Number.NaN,
      activeRate: Number.NaN,
      revived: Number.NaN,
      newlyDead: Number.NaN,
      gradNorm,
    }));

  try {
    // At initialisation the gradient is measured on the probe set without taking a step.
    measure(0, await pass(probeRows, false));
    for (let epoch = 1; epoch <= epochCount && live.some(Boolean); epoch++) {
      await new Promise((resolve) => setImmediate(resolve));
      hooks.signal?.throwIfAborted();
      // Every run draws its own order, diverged ones too, so nothing depends on who diverged.
      const orders = shuffles.map((shuffle) => shuffle.permutation(n));
      measure(epoch, await pass(orders, true));
    }
    return outcomes;
  } finally {
    disposePackData(data);
    tf.dispose(groups.map((group: ParamGroup) => group.value));
    act.alpha.dispose();
    slopes.dispose();
    optimizer.dispose();
  }
}
