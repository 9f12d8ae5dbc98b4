/**
 * The experiment config: the single source of truth for its shape, its defaults and its docs.
 * Types come from z.infer; `validate`, `list`, `--set`/`--sweep` parsing and the README's config
 * reference all read this file. Every object is strict so a misspelt key fails loudly.
 *
 * Fields that only apply sometimes (alpha, inputDim, momentum, ...) resolve to null where they do
 * not apply, and null is accepted on input as "not set", so a resolved config parses back to itself.
 */
import { z } from 'zod';

// The named choices live in a module without zod, so the training path (backend, datasets, worker
// processes) can read them without loading the schema library.
export * from './tables.js';
import {
  ACTIVATIONS,
  ALL_ROWS_KINDS,
  BACKENDS,
  DATASETS,
  DEFAULT_ALPHA,
  DEFAULT_SYNTHETIC_SAMPLES,
  FREE_CLASS_KINDS,
  FREE_DIM_KINDS,
  INITIALIZERS,
  OPTIMIZERS,
} from './tables.js';
import { intAtLeast, intBetween } from './integer.js';

const names = (table: object) => Object.keys(table).join(', ');

const enumOf = <T extends Record<string, string>>(table: T) =>
  z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]], {
    error: `must be one of ${names(table)}`,
  });

/**
 * Upper bounds that stop absurd values before anything is sized or allocated. Each is far above
 * any experiment we know of; the memory estimate (src/experiments/preflight/memory.ts) then
 * refuses what would not fit this machine.
 */
export const BOUNDS = {
  samples: 10_000_000, // MNIST's full 70,000 fits 140 times; 10^7 2-D points are 80 MB
  inputDim: 65_536, // 2^16: above MNIST's 784 and CIFAR's 3,072 flattened
  classes: 1_000, // ImageNet's count
  depth: 10_000, // the deepest plain networks trained to date (Xiao et al. 2018, 10,000 layers)
  width: 65_536, // 2^16: one such square layer is already 16 GiB of float32 weights
  epochs: 100_000,
  batchSize: 1_048_576, // 2^20: full-batch training on 10^6 examples
  probeSize: 1_000_000, // capped at the training set anyway
} as const;

/** "at most 10,000" */
const atMost = (max: number) => `at most ${max.toLocaleString('en-US')}`;

const finite = (rule: string) => z.number({ error: rule }).finite({ error: rule });

const datasetSchema = z
  .strictObject({
    kind: enumOf(DATASETS).default('spirals').describe('which data to train on'),
    samples: intBetween(10, BOUNDS.samples)
      .nullish()
      .describe(
        `examples before the train/test split, ${atMost(BOUNDS.samples)}; default: every row for ${ALL_ROWS_KINDS.join(', ')} (fewer picks a seeded subset), ${DEFAULT_SYNTHETIC_SAMPLES} for the synthetic kinds`,
      ),
    inputDim: intBetween(1, BOUNDS.inputDim)
      .nullish()
      .describe(`input dimension, ${atMost(BOUNDS.inputDim)}; only for ${FREE_DIM_KINDS.join(', ')} (default 2)`),
    classes: intBetween(2, BOUNDS.classes)
      .nullish()
      .describe(`number of classes, ${atMost(BOUNDS.classes)}; only for ${FREE_CLASS_KINDS.join(', ')} (default 2)`),
    noise: finite('must be a number >= 0')
      .min(0, { error: 'must be a number >= 0' })
      .default(0.1)
      .describe('standard deviation of the noise added to synthetic inputs'),
    testFraction: finite('must be a number in [0, 0.9]')
      .min(0, { error: 'must be a number in [0, 0.9]' })
      .max(0.9, { error: 'must be a number in [0, 0.9]' })
      .default(0.2)
      .describe('share of examples held out for test accuracy'),
    path: z
      .string()
      .min(1)
      .nullish()
      .describe(
        'csv only: path to the file, relative to the config; plain or gzip-compressed (told by its first bytes, not its name)',
      ),
    target: z
      .union([z.string().min(1), intAtLeast(0)])
      .nullish()
      .describe('csv only: target column, by header name or 0-based index'),
    header: z
      .boolean({ error: 'must be true or false' })
      .nullable()
      .default(true)
      .describe(
        'csv only: the first line (after skipRows) names the columns; false: every line is data and columns are named by 0-based index (0, 1, ...), so target is an index',
      ),
    skipRows: intAtLeast(0)
      .nullable()
      .default(0)
      .describe(
        'csv only: lines to skip at the top of the file before the header or data, e.g. a title or a count line',
      ),
  })
  .superRefine((dataset, ctx) => {
    if (dataset.inputDim != null && !FREE_DIM_KINDS.includes(dataset.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputDim'],
        message: `only applies to ${FREE_DIM_KINDS.join(', ')}; ${dataset.kind} fixes its input dimension`,
      });
    }
    if (dataset.classes != null && !FREE_CLASS_KINDS.includes(dataset.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['classes'],
        message: `only applies to ${FREE_CLASS_KINDS.join(', ')}; ${dataset.kind} fixes its classes`,
      });
    }
    // Defaults pass (they resolve to null below); a value that asks for something is refused.
    if (dataset.kind !== 'csv') {
      if (dataset.header === false) ctx.addIssue({ code: 'custom', path: ['header'], message: 'only applies to csv' });
      if ((dataset.skipRows ?? 0) > 0)
        ctx.addIssue({ code: 'custom', path: ['skipRows'], message: 'only applies to csv' });
    }
    if (dataset.kind === 'csv') {
      for (const key of ['path', 'target'] as const) {
        if (dataset[key] == null) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when kind is csv' });
        }
      }
    }
  })
  // kind and samples first, so a resolved config lists its keys in the order it always has.
  .transform(({ kind, samples, header, skipRows, ...dataset }) => ({
    kind,
    samples: samples ?? (ALL_ROWS_KINDS.includes(kind) ? null : DEFAULT_SYNTHETIC_SAMPLES),
    ...dataset,
    inputDim: FREE_DIM_KINDS.includes(kind) ? (dataset.inputDim ?? 2) : null,
    classes: FREE_CLASS_KINDS.includes(kind) ? (dataset.classes ?? 2) : null,
    path: dataset.path ?? null,
    target: dataset.target ?? null,
    header: kind === 'csv' ? (header ?? true) : null,
    skipRows: kind === 'csv' ? (skipRows ?? 0) : null,
  }));

const modelSchema = z
  .strictObject({
    depth: intBetween(1, BOUNDS.depth)
      .default(20)
      .describe(`number of hidden layers, ${atMost(BOUNDS.depth)}`),
    width: intBetween(1, BOUNDS.width)
      .default(64)
      .describe(`units per hidden layer, ${atMost(BOUNDS.width)}`),
    activation: enumOf(ACTIVATIONS).default('relu').describe('hidden-layer nonlinearity'),
    alpha: finite('must be a number >= 0')
      .min(0, { error: 'must be a number >= 0' })
      .nullish()
      .describe(
        'leaky_relu slope (default 0.01), elu alpha (default 1.0), prelu initial slope (default 0.25); ignored by other activations',
      ),
    init: enumOf(INITIALIZERS).default('he_normal').describe('kernel initialiser (rai draws the biases too)'),
    biasInit: finite('must be a finite number')
      .nullable()
      .default(0)
      .describe('constant initial bias of every layer; ignored (null) under init rai, which draws its own biases'),
  })
  .transform((model) => ({
    ...model,
    // Like alpha under relu: null where it has no effect, so the resolved config says so and a
    // sweep over init with biasInit set collapses instead of failing for rai.
    biasInit: model.init === 'rai' ? null : (model.biasInit ?? 0),
    // null, not a number, where alpha has no meaning: this is what lets a sweep over alpha
    // collapse to one run for relu.
    alpha: model.activation in DEFAULT_ALPHA ? (model.alpha ?? DEFAULT_ALPHA[model.activation]!) : null,
  }));

const trainingSchema = z
  .strictObject({
    epochs: intBetween(0, BOUNDS.epochs)
      .default(10)
      .describe(`passes over the training set, ${atMost(BOUNDS.epochs)}; 0 = measure at initialisation only`),
    batchSize: intBetween(1, BOUNDS.batchSize)
      .default(64)
      .describe(`examples per gradient step, ${atMost(BOUNDS.batchSize)}`),
    optimizer: enumOf(OPTIMIZERS)
      .default('adam')
      .describe('update rule; adam with beta1 0.9, beta2 0.999, epsilon 1e-7'),
    learningRate: finite('must be a number > 0')
      .positive({ error: 'must be a number > 0' })
      .default(0.001)
      .describe('step size'),
    momentum: finite('must be a number in [0, 1)')
      .min(0, { error: 'must be a number in [0, 1)' })
      .lt(1, { error: 'must be a number in [0, 1)' })
      .nullable()
      .default(0.9)
      .describe('momentum coefficient; momentum optimizer only'),
  })
  // null where it has no effect, so a sweep over momentum collapses for sgd and adam.
  .transform((training) => ({
    ...training,
    momentum: training.optimizer === 'momentum' ? (training.momentum ?? 0.9) : null,
  }));

const metricsSchema = z.strictObject({
  probeSize: intBetween(1, BOUNDS.probeSize)
    .default(1000)
    .describe(
      `probe inputs, ${atMost(BOUNDS.probeSize)}: a fixed, seeded subset of the training inputs (capped at the training set size)`,
    ),
  nearDeadThreshold: finite('must be a number in [0, 1]')
    .min(0, { error: 'must be a number in [0, 1]' })
    .max(1, { error: 'must be a number in [0, 1]' })
    .default(0.01)
    .describe('a unit positive on fewer than this share of probe inputs is near-dead'),
});

const sweepValue = z.union([z.number(), z.string(), z.boolean()]);

/** The fields of one run: everything but the sweep. */
export const runConfigShape = {
  name: z
    .string({ error: 'must be a string of letters, digits, ".", "_" or "-"' })
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be a string of letters, digits, ".", "_" or "-"' })
    .default('experiment')
    .describe('experiment name; names the results folder'),
  seed: intAtLeast(0).default(1).describe('drives data, initial weights, probe set and batch order'),
  backend: enumOf(BACKENDS)
    .default('auto')
    .describe(`TensorFlow.js backend: tensorflow (native kernels), wasm, cpu, or auto (${BACKENDS.auto})`),
  dataset: datasetSchema.prefault({}).describe('the data to train on and its train/test split'),
  model: modelSchema.prefault({}).describe('the MLP: hidden layers, activation and initialisation'),
  training: trainingSchema.prefault({}).describe('how the network is trained'),
  metrics: metricsSchema.prefault({}).describe('how dead units are measured'),
};

export const runConfigSchema = z.strictObject(runConfigShape);

export const experimentConfigSchema = z.strictObject({
  ...runConfigShape,
  sweep: z
    .record(z.string(), z.array(sweepValue).min(1, { error: 'must list at least one value' }), {
      error: 'must map dotted paths to lists of values, e.g. model.alpha: [0.01, 0.1]',
    })
    .default({})
    .describe('cartesian product over dotted paths, e.g. model.alpha: [0.01, 0.1, 0.3]'),
  baseline: z
    .string({
      error: 'must be FIELD=VALUE (e.g. model.activation=relu), a configuration label or a row number, as a string',
    })
    .min(1, { error: 'must not be empty' })
    .nullable()
    .default(null)
    .describe(
      'what comparisons.csv and the comparison table pair each configuration with: FIELD=VALUE (e.g. model.activation=relu) pairs it with the configuration that has VALUE and shares its other swept values; a configuration label or row number is one baseline for all. Default: model.activation at its first value when it is swept, else the first swept field at its first value',
    ),
});

/** One run, fully resolved: every default filled in. */
export type RunConfig = z.output<typeof runConfigSchema>;
/** A whole experiment: the base run plus its sweep. */
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
