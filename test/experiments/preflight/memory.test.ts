import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import type { RunConfig } from '../../../src/experiments/config/schema.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { ConfigError } from '../../../src/errors.js';
import {
  estimateMemory,
  formatBytes,
  largestPart,
  memoryLimit,
  MIB,
  parameterCount,
  RUNTIME_BYTES,
} from '../../../src/experiments/preflight/memory.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import { tinyRunConfig, type TinyOverrides } from '../../helpers/tiny-config.js';

describe('estimateMemory', () => {
  test('a hand-computed case: depth 2, width 3, 4 inputs, 2 classes, Adam, batch 5, probe 6, 10 train / 2 test', () => {
    const config = tinyRunConfig({
      model: { depth: 2, width: 3 },
      training: { batchSize: 5 },
      metrics: { probeSize: 6 },
    });
    const data = { task: 'classification' as const, inputDim: 4, outputDim: 2, train: 10, test: 2 };
    // (4*3 + 3) + (3*3 + 3) + (3*2 + 2) = 15 + 12 + 8
    assert.equal(parameterCount(config.model, 4, 2), 35);
    const { parts, total } = estimateMemory(config, data);
    assert.deepEqual(parts, {
      runtime: RUNTIME_BYTES,
      // Split + source arrays, 1 label each; on the device the 10 training rows flat and all 12 rows,
      // one-hot targets, and all 12 rows' probe indicator.
      data: (2 * 12 * (4 + 1) + 10 * (4 + 2) + 12 * (4 + 2 + 1)) * 4,
      parameters: 35 * 4,
      optimizerState: 4 * 35 * 4, // the flat copy, the learning rates and Adam's two moments
      keptSlopes: 6 * 5 * 3 * 4, // relu: ones and alpha for three batch lengths
      update: 17 * 35 * 4,
      // Per row: 3 x 4 tensors x depth 2 x width 3 hidden floats, plus 4 inputs and 10 x 2 outputs.
      trainingBatch: 5 * (12 * 6 + 24) * 4,
      // All 12 rows in one chunk: 5.25 floats per hidden unit, 24, and the chunk's input and
      // indicator slices; then the per-layer views of the parameters.
      measurement: 12 * (5.25 * 6 + 24 + 4 + 1) * 4 + 35 * 4,
    });
    assert.equal(total, RUNTIME_BYTES + 1056 + 140 + 560 + 360 + (2380 + 1920));
  });

  test('momentum keeps the flat copy, learning rates, factors and velocity, sgd the first two; PReLU adds one slope per hidden unit', () => {
    const data = { task: 'regression' as const, inputDim: 4, outputDim: 2, train: 10, test: 2 };
    const sized = (training: object, model: object = {}) =>
      estimateMemory(tinyRunConfig({ model: { depth: 2, width: 3, ...model }, training }), data).parts;
    assert.equal(sized({ optimizer: 'momentum' }).optimizerState, 4 * 35 * 4);
    assert.equal(sized({ optimizer: 'sgd' }).optimizerState, 2 * 35 * 4);
    assert.equal(sized({}, { activation: 'prelu' }).parameters, (35 + 2 * 3) * 4);
    assert.equal(sized({}, { activation: 'tanh' }).keptSlopes, 0);
    // Regression targets take outputDim floats per row.
    assert.equal(sized({}).data, (2 * 12 * (4 + 2) + 10 * (4 + 2) + 12 * (4 + 2 + 1)) * 4);
  });

  test('depth 100,000 at the default width needs far more than 16 GiB, mostly to evaluate', () => {
    const config = tinyRunConfig({ model: { depth: 10_000, width: 64 } });
    const estimate = estimateMemory(
      { ...config, model: { ...config.model, depth: 100_000 } },
      {
        task: 'classification',
        inputDim: 2,
        outputDim: 2,
        train: 1600,
        test: 400,
      },
    );
    assert.ok(estimate.total > 16 * 2 ** 30, formatBytes(estimate.total));
    assert.equal(largestPart(estimate.parts), 'evaluation, 4096 rows at a time; lower model.width or model.depth');
  });
});

/**
 * What trainPack allocates against the estimate: tf.memory()'s peak bytes over a whole pack (an
 * epoch-0 measurement, one epoch of steps, a measurement), never above the sum of its runs'
 * estimates less the runtime, and not far below it either (3x), so packs are not made needlessly
 * small. The shapes make each part the largest once: the measurement (more rows than a batch), a
 * training batch (one batch an epoch), the weights (wide layers, few rows), and a measurement in
 * two chunks. Every activation family where what it keeps per unit decides (the measurement, a
 * batch), every optimizer where its state and update do (the weights). Two runs a pack; relu with
 * leaky_relu, as they pack together.
 */
describe('estimateMemory bounds what trainPack allocates', () => {
  before(() => useBackend('wasm'));

  const ACTIVATIONS = ['leaky_relu', 'prelu', 'elu', 'selu', 'gelu', 'silu', 'tanh'] as const;
  const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
  const SHAPES: [
    string,
    TinyOverrides,
    readonly (typeof ACTIVATIONS)[number][],
    readonly (typeof OPTIMIZERS)[number][],
  ][] = [
    [
      'the measurement',
      { dataset: { kind: 'spirals', samples: 200 }, model: { depth: 3, width: 8 }, training: { batchSize: 32 } },
      ACTIVATIONS,
      ['adam'],
    ],
    [
      'a training batch',
      { dataset: { kind: 'spirals', samples: 60 }, model: { depth: 3, width: 8 }, training: { batchSize: 48 } },
      ACTIVATIONS,
      ['adam'],
    ],
    [
      'the weights',
      { dataset: { kind: 'spirals', samples: 40 }, model: { depth: 2, width: 96 }, training: { batchSize: 8 } },
      ['leaky_relu', 'prelu'],
      OPTIMIZERS,
    ],
    [
      'two chunks, regression',
      { dataset: { kind: 'teacher', samples: 6000 }, model: { depth: 2, width: 4 }, training: { batchSize: 500 } },
      ['leaky_relu', 'gelu'],
      ['sgd'],
    ],
  ];

  for (const [name, shape, activations, optimizers] of SHAPES) {
    test(`${name}: ${activations.join(', ')} with ${optimizers.join(', ')}`, async () => {
      for (const activation of activations) {
        for (const optimizer of optimizers) {
          const configs: RunConfig[] = [1, 2].map((seed) =>
            tinyRunConfig({
              ...shape,
              seed,
              model: {
                ...shape.model,
                activation: seed === 1 && activation === 'leaky_relu' ? 'relu' : activation,
                alpha: activation === 'elu' ? 0.5 : undefined,
              },
              training: { ...shape.training, optimizer, epochs: 1 },
            }),
          );
          const members = configs.map((config) => ({ config, dataset: loadDataset(config.dataset, config.seed, '.') }));
          const { dataset } = members[0];
          const dataShape = { ...dataset, train: dataset.train.n, test: dataset.test.n };
          const estimate = configs.reduce(
            (sum, config) => sum + estimateMemory(config, dataShape).total - RUNTIME_BYTES,
            0,
          );
          const before = tf.memory().numBytes;
          const { peakBytes } = await tf.profile(async () => {
            await trainPack(members);
            return [];
          });
          const peak = peakBytes - before;
          const label = `${activation} ${optimizer}: measured ${peak} bytes, estimated ${estimate}`;
          assert.ok(peak <= estimate, label);
          assert.ok(estimate <= 3 * peak, label);
        }
      }
    });
  }
});

describe('memoryLimit', () => {
  test('DEAD_NEURONS_MEMORY_LIMIT_MB, in MiB, wins over what the machine has', () => {
    assert.deepEqual(
      memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' }, () => 1),
      {
        bytes: 1024 * MIB,
        source: 'set by DEAD_NEURONS_MEMORY_LIMIT_MB',
      },
    );
    assert.deepEqual(
      memoryLimit({}, () => 5 * MIB),
      { bytes: 5 * MIB, source: 'this machine has available' },
    );
    assert.deepEqual(memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: ' ' }, () => 5 * MIB).bytes, 5 * MIB);
  });

  test('a value that is not a positive number is a config error', () => {
    for (const text of ['lots', '0', '-5']) {
      assert.throws(
        () => memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: text }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.deepEqual(error.problems, [
            `DEAD_NEURONS_MEMORY_LIMIT_MB: must be a number of MiB > 0, got "${text}"`,
          ]);
          return true;
        },
      );
    }
  });

  test('sizes read as MiB below a GiB, GiB with one decimal above', () => {
    assert.deepEqual(
      [formatBytes(412 * MIB), formatBytes(3.25 * 2 ** 30), formatBytes(10)],
      ['412 MiB', '3.3 GiB', '1 MiB'],
    );
  });
});
