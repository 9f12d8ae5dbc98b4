import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { ConfigError } from '../../../src/errors.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { buildMlp, disposeMlp } from '../../../src/experiments/model/mlp.js';
import {
  EVAL_CHUNK_ROWS, estimateMemory, formatBytes, largestPart, memoryLimit, MIB, parameterCount, RUNTIME_BYTES,
} from '../../../src/experiments/preflight/memory.js';
import { EVAL_CHUNK, evaluate } from '../../../src/experiments/training/evaluate.js';
import { probePositiveCounts } from '../../../src/experiments/training/measure.js';
import { inputRows, targetRows } from '../../../src/experiments/training/objective.js';
import { makeOptimizer, trainingStep } from '../../../src/experiments/training/step.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

describe('estimateMemory', () => {
  test('a hand-computed case: depth 2, width 3, 4 inputs, 2 classes, Adam, batch 5, probe 6, 10 train / 2 test', () => {
    const config = tinyRunConfig({ model: { depth: 2, width: 3 }, training: { batchSize: 5 }, metrics: { probeSize: 6 } });
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
      optimizerState: 2 * 35 * 4, // Adam's two moments
      update: 16 * 35 * 4,
      // Per row: 3 x 3 tensors x depth 2 x width 3 hidden floats, plus 4 inputs and 10 x 2 outputs.
      trainingBatch: 5 * (9 * 6 + 24) * 4,
      probePass: 6 * (4.25 * 6 + 24) * 4,
      evaluationChunk: 10 * (3 * 6 + 24) * 4, // the chunk is the whole 10-row training side
    });
    assert.equal(total, RUNTIME_BYTES + 1056 + 140 + 280 + (2240 + 1560));
  });

  test('momentum keeps one slot, sgd none; PReLU adds one slope per hidden unit', () => {
    const data = { task: 'regression' as const, inputDim: 4, outputDim: 2, train: 10, test: 2 };
    const sized = (training: object, model: object = {}) => estimateMemory(tinyRunConfig({ model: { depth: 2, width: 3, ...model }, training }), data).parts;
    assert.equal(sized({ optimizer: 'momentum' }).optimizerState, 35 * 4);
    assert.equal(sized({ optimizer: 'sgd' }).optimizerState, 0);
    assert.equal(sized({}, { activation: 'prelu' }).parameters, (35 + 2 * 3) * 4);
    // Regression targets take outputDim floats per row.
    assert.equal(sized({}).data, (2 * 12 * (4 + 2) + 10 * (4 + 2) + 12 * (4 + 2 + 1)) * 4);
  });

  test('depth 100,000 at the default width needs far more than 16 GiB, mostly to evaluate', () => {
    const config = tinyRunConfig({ model: { depth: 10_000, width: 64 } });
    const estimate = estimateMemory({ ...config, model: { ...config.model, depth: 100_000 } }, {
      task: 'classification', inputDim: 2, outputDim: 2, train: 1600, test: 400,
    });
    assert.ok(estimate.total > 16 * 2 ** 30, formatBytes(estimate.total));
    assert.equal(largestPart(estimate.parts), 'evaluation, 4096 rows at a time; lower model.width or model.depth');
  });

  test('the evaluation chunk is the one evaluate() uses', () => {
    assert.equal(EVAL_CHUNK_ROWS, EVAL_CHUNK);
  });

  test('bounds what TF.js allocates: a step, an evaluation and a probe pass, measured with tf.profile', async () => {
    await useBackend('cpu');
    const peak = async (work: () => void) => {
      const before = tf.memory().numBytes;
      return (await tf.profile(work)).peakBytes - before;
    };
    for (const activation of ['relu', 'elu', 'gelu', 'silu', 'prelu', 'tanh'] as const) {
      for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
        const config = tinyRunConfig({ model: { depth: 4, width: 16, activation, alpha: activation === 'elu' ? 0.5 : undefined }, training: { batchSize: 32, optimizer } });
        const dataset = loadDataset(config.dataset, 1, '.');
        const mlp = buildMlp(config.model, dataset.inputDim, dataset.outputDim, 1);
        const update = makeOptimizer(config.training);
        const rows = Int32Array.from({ length: 32 }, (_, i) => i);
        const x = tf.tensor2d(inputRows(dataset.train.x, dataset.inputDim, rows), [32, dataset.inputDim]);
        const y = tf.tensor2d(targetRows(dataset, dataset.train.y, rows), [32, dataset.outputDim]);
        const probe = tf.tensor2d(dataset.train.x, [dataset.train.n, dataset.inputDim]);
        trainingStep(mlp, update, dataset.task, x, y).dispose(); // creates the optimizer's slots
        const { parts } = estimateMemory(config, { ...dataset, train: dataset.train.n, test: dataset.test.n });
        const label = `${activation} ${optimizer}`;
        const step = await peak(() => trainingStep(mlp, update, dataset.task, x, y).dispose());
        assert.ok(step <= parts.update + parts.trainingBatch, `${label} step: ${step} > ${parts.update + parts.trainingBatch}`);
        const evaluation = await peak(() => void evaluate(mlp, dataset, dataset.train));
        assert.ok(evaluation <= parts.evaluationChunk, `${label} evaluation: ${evaluation} > ${parts.evaluationChunk}`);
        const probing = await peak(() => void probePositiveCounts(mlp, probe));
        // The probe set is the whole 160-row training side here (probeSize 1000 is capped at it).
        assert.ok(probing <= parts.probePass, `${label} probe: ${probing} > ${parts.probePass}`);
        tf.dispose([x, y, probe]);
        update.dispose();
        disposeMlp(mlp);
      }
    }
  });
});

describe('memoryLimit', () => {
  test('DEAD_NEURONS_MEMORY_LIMIT_MB, in MiB, wins over what the machine has', () => {
    assert.deepEqual(memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: '1024' }, () => 1), {
      bytes: 1024 * MIB, source: 'set by DEAD_NEURONS_MEMORY_LIMIT_MB',
    });
    assert.deepEqual(memoryLimit({}, () => 5 * MIB), { bytes: 5 * MIB, source: 'this machine has available' });
    assert.deepEqual(memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: ' ' }, () => 5 * MIB).bytes, 5 * MIB);
  });

  test('a value that is not a positive number is a config error', () => {
    for (const text of ['lots', '0', '-5']) {
      assert.throws(() => memoryLimit({ DEAD_NEURONS_MEMORY_LIMIT_MB: text }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [`DEAD_NEURONS_MEMORY_LIMIT_MB: must be a number of MiB > 0, got "${text}"`]);
        return true;
      });
    }
  });

  test('sizes read as MiB below a GiB, GiB with one decimal above', () => {
    assert.deepEqual([formatBytes(412 * MIB), formatBytes(3.25 * 2 ** 30), formatBytes(10)], ['412 MiB', '3.3 GiB', '1 MiB']);
  });
});
