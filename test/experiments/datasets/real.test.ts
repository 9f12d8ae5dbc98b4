import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { columnStats } from '../../../src/experiments/datasets/standardise.js';
import { assertShapes, bytesOf, classCountsOf, datasetConfig } from '../../helpers/datasets.js';

test('mnist: 784 pixels in [0, 1], 10 digits, samples picked by the seed', () => {
  const config = datasetConfig({ kind: 'mnist', samples: 1000 });
  const dataset = loadDataset(config, 1, '.');
  assertShapes(dataset, 1000, 0.2);
  assert.deepEqual([dataset.task, dataset.inputDim, dataset.outputDim], ['classification', 784, 10]);
  const pixels = [...dataset.train.x];
  assert.ok(pixels.every((p) => p >= 0 && p <= 1));
  // Real digits: mostly background, about 13% ink on average.
  const ink = pixels.reduce((a, b) => a + b) / pixels.length;
  assert.ok(ink > 0.08 && ink < 0.2, `mean pixel ${ink}`);
  assert.ok(classCountsOf(dataset).every((count) => count > 50));
  assert.deepEqual(bytesOf(loadDataset(config, 1, '.')), bytesOf(dataset));
  assert.notDeepEqual(bytesOf(loadDataset(config, 2, '.')), bytesOf(dataset));
});

test('mnist: samples are capped at the 10,000 shipped digits', () => {
  const dataset = loadDataset(datasetConfig({ kind: 'mnist', samples: 50_000, testFraction: 0.1 }), 1, '.');
  assertShapes(dataset, 10_000, 0.1);
  assert.deepEqual(classCountsOf(dataset), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
});

test('iris: 150 flowers at most, 3 classes, features standardised on train', () => {
  const dataset = loadDataset(datasetConfig({ kind: 'iris' }), 1, '.');
  assertShapes(dataset, 150, 0.2);
  assert.deepEqual([dataset.inputDim, dataset.outputDim], [4, 3]);
  assert.deepEqual(classCountsOf(dataset), [50, 50, 50]);
  const { mean, sd } = columnStats(dataset.train.x, 4);
  assert.ok(mean.every((m) => Math.abs(m) < 1e-6) && sd.every((s) => Math.abs(s - 1) < 1e-6));
  assertShapes(loadDataset(datasetConfig({ kind: 'iris', samples: 40 }), 1, '.'), 40, 0.2);
  assert.deepEqual(bytesOf(loadDataset(datasetConfig({ kind: 'iris' }), 1, '.')), bytesOf(dataset));
});
