import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { createRng } from '../../../src/experiments/rng.js';
import { assertShapes, classCountsOf, datasetConfig } from '../../helpers/datasets.js';

test('gaussian: labels are argmax(x W) for the unit-column teacher W of the seed', () => {
  const [d, k, seed] = [6, 4, 11];
  const config = datasetConfig({ kind: 'gaussian', inputDim: d, classes: k, noise: 0 });
  const dataset = loadDataset(config, seed, '.');
  assertShapes(dataset, 2000, 0.2);
  assert.equal(dataset.outputDim, k);

  const rng = createRng(seed, 'teacher');
  const w = Array.from({ length: d }, () => Array.from({ length: k }, () => Math.fround(rng.normal())));
  const norms = w[0].map((_, c) => Math.hypot(...w.map((row) => row[c])));
  for (const side of [dataset.train, dataset.test]) {
    side.y.forEach((label, i) => {
      const x = side.x.subarray(i * d, (i + 1) * d);
      const scores = norms.map((norm, c) => w.reduce((sum, row, r) => sum + x[r] * row[c], 0) / norm);
      assert.equal(label, scores.indexOf(Math.max(...scores)));
    });
  }
  assert.ok(
    classCountsOf(dataset).every((count) => count > 100),
    'every class appears',
  );
});

test('gaussian: input noise never changes the labels', () => {
  const labels = (noise: number) =>
    loadDataset(datasetConfig({ kind: 'gaussian', inputDim: 3, classes: 3, noise }), 1, '.').train.y;
  assert.deepEqual(labels(0), labels(0.5));
});

test('teacher: standardised regression targets in inputDim dimensions', () => {
  const dataset = loadDataset(datasetConfig({ kind: 'teacher', inputDim: 8, samples: 1000 }), 1, '.');
  assertShapes(dataset, 1000, 0.2);
  assert.equal(dataset.task, 'regression');
  assert.equal(dataset.inputDim, 8);
  assert.equal(dataset.outputDim, 1);
  const y = [...dataset.train.y, ...dataset.test.y];
  const mean = y.reduce((a, b) => a + b) / y.length;
  const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
  assert.ok(Math.abs(mean) < 1e-5 && Math.abs(sd - 1) < 1e-5, `mean ${mean}, sd ${sd}`);
});
