/**
 * How much memory one run needs at its peak, worked out from its config and the shape of its data
 * before anything is allocated, and the limit runs are held to. Sizes count float32 tensors the way
 * TF.js's engine does (tf.memory(), the same on every backend), for the packed engine
 * (src/experiments/training/): a pack of R runs needs R times a run's tensors. The counts below
 * were measured with tf.profile; test/experiments/preflight/memory.test.ts holds the estimate at or
 * above trainPack's measured peak for every activation and optimizer.
 */
import { freemem } from 'node:os';
import type { Activation, RunConfig } from '../config/schema.js';
import { ConfigError } from '../../errors.js';
import { EVAL_CHUNK } from '../training/measurement-layout.js';

const FLOAT = 4;
export const MIB = 2 ** 20;
const GIB = 2 ** 30;

/**
 * [rows, width] tensors a forward pass keeps per hidden layer: the matMul product, z (product plus
 * bias) and the activation's output and intermediates. tf.profile: 3 for tanh, selu, prelu and a
 * pack of relu runs alone, 4 for leaky_relu (a product and a select; relu runs packed with leaky
 * ones take that path too) and silu, 7 for gelu's erf form and for elu's general form.
 */
const FORWARD_TENSORS: Record<Activation, number> = {
  relu: 4,
  leaky_relu: 4,
  prelu: 3,
  elu: 7,
  selu: 3,
  gelu: 7,
  silu: 4,
  tanh: 3,
};

/**
 * A training step keeps every forward tensor for the backward pass and makes about two gradients per
 * forward tensor, all alive until its tf.tidy closes: 3x the forward count bounds what tf.profile
 * measures.
 */
const STEP_FACTOR = 3;

/**
 * [rows, outputDim] tensors around the output layer: targets, logits, log-softmax and its parts,
 * arg-max; the measurement's split slices (tf.profile: under 8 per output and row).
 */
const OUTPUT_TENSORS = 10;

/** The measurement adds, per layer, the z > 0 mask (one byte a value) and its float32 cast, for the probe counts. */
const PROBE_EXTRA = 1 + 1 / FLOAT;

/**
 * Parameter-sized tensors alive at once during a step beyond the kept ones, the gradients
 * included: the update runs in one tf.tidy over all parameters flattened, so every temporary of it
 * lives until it ends (tf.profile, in parameters: sgd 5, momentum 7, Adam 17).
 */
const UPDATE_TENSORS = { sgd: 5, momentum: 7, adam: 17 } as const;
/**
 * Optimizer state kept between steps (training/optimizer.ts): the flat copy of the parameters and
 * each element's learning rate, then momentum's per-element factor and velocity, or Adam's two moments.
 */
const OPTIMIZER_STATE = { sgd: 2, momentum: 4, adam: 4 } as const;

/**
 * The leaky family's kept slopes (training/activations.ts): ones and each run's alpha, [rows,
 * width] each, for each batch length a pass takes (a full batch, the last of an epoch, the last
 * over the probe rows).
 */
const KEPT_SLOPES = 2 * 3;

/** Node with TF.js and the native backend loaded: 389 MiB resident, measured (wasm and cpu: ~110 MiB). */
export const RUNTIME_BYTES = 400 * MIB;

/** What the estimate needs to know about a run's data. */
export interface DataShape {
  task: 'classification' | 'regression';
  inputDim: number;
  outputDim: number;
  train: number;
  test: number;
}

/** Bytes, by what holds them. */
export interface MemoryParts {
  runtime: number;
  /** The split arrays, the arrays they were gathered from, and the pack's device copies of them. */
  data: number;
  parameters: number;
  optimizerState: number;
  /** The leaky family's kept slopes; 0 for the other activations. */
  keptSlopes: number;
  /** Gradients and the update's temporaries, during a step. */
  update: number;
  /** Forward and backward tensors of one training batch. */
  trainingBatch: number;
  /** An epoch's measurement (losses, accuracies, probe counts), one chunk of rows at a time. */
  measurement: number;
}

export interface MemoryEstimate {
  /** Peak bytes: what always lives, plus the larger of a step and a measurement (they never overlap). */
  total: number;
  parts: MemoryParts;
}

/** Weights, biases (and PReLU slopes) of the MLP. */
export function parameterCount(model: RunConfig['model'], inputDim: number, outputDim: number): number {
  const { depth, width } = model;
  const hidden = inputDim * width + width + (depth - 1) * (width * width + width);
  const slopes = model.activation === 'prelu' ? depth * width : 0;
  return hidden + slopes + width * outputDim + outputDim;
}

/**
 * The peak memory of one run (see MemoryParts). Each part is sized at or above what tf.profile
 * measures for it (test/experiments/preflight/memory.test.ts checks every activation and optimizer).
 */
export function estimateMemory(
  config: Pick<RunConfig, 'model' | 'training' | 'metrics'>,
  data: DataShape,
): MemoryEstimate {
  const { depth, width, activation } = config.model;
  const { optimizer } = config.training;
  const parameters = parameterCount(config.model, data.inputDim, data.outputDim) * FLOAT;
  const forward = FORWARD_TENSORS[activation];
  // Floats a pass stores per row: the hidden activations, the inputs, and the targets, logits and
  // loss terms of the output layer.
  const hiddenFloats = (tensors: number) => tensors * depth * width + data.inputDim + OUTPUT_TENSORS * data.outputDim;
  const batch = Math.min(config.training.batchSize, data.train);
  // The measurement runs over training and test rows together, EVAL_CHUNK at a time.
  const chunk = Math.min(EVAL_CHUNK, data.train + data.test);
  const yDim = data.task === 'classification' ? 1 : data.outputDim;
  const leaky = activation === 'relu' || activation === 'leaky_relu';
  const parts: MemoryParts = {
    runtime: RUNTIME_BYTES,
    // On the device, a pack keeps the training rows flat for gathering batches and every row
    // (train, then test) for evaluation, targets one-hot, and a probe indicator per row
    // (training/data.ts).
    data:
      (2 * (data.train + data.test) * (data.inputDim + yDim) +
        data.train * (data.inputDim + data.outputDim) +
        (data.train + data.test) * (data.inputDim + data.outputDim + 1)) *
      FLOAT,
    parameters,
    optimizerState: OPTIMIZER_STATE[optimizer] * parameters,
    keptSlopes: leaky ? KEPT_SLOPES * batch * width * FLOAT : 0,
    update: UPDATE_TENSORS[optimizer] * parameters,
    trainingBatch: batch * hiddenFloats(STEP_FACTOR * forward) * FLOAT,
    // Per row also a chunk's slice of the inputs and of the probe indicator; the per-layer views
    // of the parameters take about their size once more.
    measurement: chunk * (hiddenFloats(forward + PROBE_EXTRA) + data.inputDim + 1) * FLOAT + parameters,
  };
  const always = parts.runtime + parts.data + parts.parameters + parts.optimizerState + parts.keptSlopes;
  const total = always + Math.max(parts.update + parts.trainingBatch, parts.measurement);
  return { total, parts };
}

/** What takes the most memory, and what to lower. */
export function largestPart(parts: MemoryParts): string {
  const candidates: [number, string][] = [
    [
      parts.parameters + parts.optimizerState + parts.update,
      'the weights, their gradients and optimizer state; lower model.width or model.depth',
    ],
    [parts.trainingBatch + parts.keptSlopes, 'a training batch; lower training.batchSize, model.width or model.depth'],
    [parts.measurement, `evaluation, ${EVAL_CHUNK} rows at a time; lower model.width or model.depth`],
    [parts.data, 'the dataset; lower dataset.samples'],
  ];
  return candidates.reduce((best, candidate) => (candidate[0] > best[0] ? candidate : best))[1];
}

const MEMORY_LIMIT_ENV = 'DEAD_NEURONS_MEMORY_LIMIT_MB';

export interface MemoryLimit {
  bytes: number;
  /** Completes "more than the 3.0 GiB ...". */
  source: string;
}

/**
 * The memory a run may need: DEAD_NEURONS_MEMORY_LIMIT_MB (MiB) when set, else what this machine
 * can give a process now. Free memory rather than total: other processes hold the rest, and a run
 * that would push the machine into swap or the OOM killer is better refused than started.
 */
export function memoryLimit(
  env: Record<string, string | undefined>,
  available: () => number = availableBytes,
): MemoryLimit {
  const text = env[MEMORY_LIMIT_ENV]?.trim();
  if (text) {
    const mib = Number(text);
    if (!Number.isFinite(mib) || mib <= 0)
      throw new ConfigError([`${MEMORY_LIMIT_ENV}: must be a number of MiB > 0, got "${text}"`]);
    return { bytes: mib * MIB, source: `set by ${MEMORY_LIMIT_ENV}` };
  }
  return { bytes: available(), source: 'this machine has available' };
}

/**
 * os.freemem() is MemAvailable on Linux (reclaimable page cache counts as free);
 * process.availableMemory() (Node >= 20.13) also stays within a container's cgroup limit.
 */
function availableBytes(): number {
  return (process as { availableMemory?: () => number }).availableMemory?.() ?? freemem();
}

/** "412 MiB", "3.2 GiB". */
export function formatBytes(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / MIB))} MiB`;
}
