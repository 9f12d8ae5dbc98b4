import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitExamples } from '../../../src/experiments/datasets/split.js';
import { applyStats, columnStats } from '../../../src/experiments/datasets/standardise.js';
import type { Examples } from '../../../src/experiments/datasets/examples.js';

// Row i holds x = [i, -i] and y = i, so every output row says where it came from.
const numbered = (n: number): Examples => ({
  n,
  inputDim: 2,
  yDim: 1,
  x: Float32Array.from({ length: 2 * n }, (_, j) => (j % 2 === 0 ? 1 : -1) * Math.floor(j / 2)),
  y: Float32Array.from({ length: n }, (_, i) => i),
});

test('holds out round(n * testFraction) rows and keeps every row exactly once', () => {
  const { train, test: held } = splitExamples(numbered(101), 1000, 0.25, 7);
  assert.equal(held.n, 25);
  assert.equal(train.n, 76);
  const rows = [...train.y, ...held.y].sort((a, b) => a - b);
  assert.deepEqual(
    rows,
    Array.from({ length: 101 }, (_, i) => i),
  );
  train.y.forEach((row, i) => assert.deepEqual([...train.x.subarray(2 * i, 2 * i + 2)], [row, -row]));
});

test('keeps only `limit` rows, chosen by the seed', () => {
  const a = splitExamples(numbered(1000), 50, 0.2, 1);
  const b = splitExamples(numbered(1000), 50, 0.2, 2);
  assert.equal(a.train.n + a.test.n, 50);
  assert.equal(a.test.n, 10);
  assert.notDeepEqual([...a.train.y], [...b.train.y]);
  assert.deepEqual(a, splitExamples(numbered(1000), 50, 0.2, 1));
});

test('testFraction 0 gives an empty test side', () => {
  const { train, test: held } = splitExamples(numbered(10), 10, 0, 1);
  assert.equal(train.n, 10);
  assert.deepEqual(held, { n: 0, x: new Float32Array(0), y: new Float32Array(0) });
});

test('columnStats uses the population sd; a constant column is only centred', () => {
  // Columns [1, 3, 1, 3] (mean 2, sd 1) and [5, 5, 5, 5] (sd 0).
  const values = Float32Array.from([1, 5, 3, 5, 1, 5, 3, 5]);
  const stats = columnStats(values, 2);
  assert.deepEqual([...stats.mean], [2, 5]);
  assert.deepEqual([...stats.sd], [1, 0]);
  assert.deepEqual([...applyStats(values, 2, stats)], [-1, 0, 1, 0, -1, 0, 1, 0]);
});
