import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVAL_CHUNK, measurementLayout } from '../../../src/experiments/training/measurement-layout.js';

// 2 runs, 2 hidden layers of 3 units, 5 training and 2 test rows, evaluated 4 rows at a time.
const LAYOUT = measurementLayout({ runs: 2, depth: 2, width: 3, n: 5, nTest: 2 }, 4);

test('chunks cover the training then the test rows; a chunk that straddles them has two parts', () => {
  assert.deepEqual(LAYOUT.chunks, [
    { start: 0, size: 4, parts: [{ split: 'train', from: 0, to: 4 }], probed: true },
    {
      start: 4,
      size: 3,
      parts: [
        { split: 'train', from: 4, to: 5 },
        { split: 'test', from: 5, to: 7 },
      ],
      probed: true,
    },
  ]);
  // Three parts of two [R] blocks, counts [depth, R, W], norms [depth, R].
  assert.equal(LAYOUT.length, 3 * 2 * 2 + 2 * 2 * 3 + 2 * 2);
});

test('each run reads its own numbers: split sums added chunk by chunk, counts and norms at [layer, run]', () => {
  // Every number is its own position, so each sum names the positions it added.
  const values = Float32Array.from({ length: LAYOUT.length }, (_, i) => i);
  assert.deepEqual(LAYOUT.read(values), [
    {
      train: { loss: 0 + 4, correct: 2 + 6 },
      test: { loss: 8, correct: 10 },
      counts: [
        [12, 13, 14],
        [18, 19, 20],
      ],
      normSums: [24, 26],
    },
    {
      train: { loss: 1 + 5, correct: 3 + 7 },
      test: { loss: 9, correct: 11 },
      counts: [
        [15, 16, 17],
        [21, 22, 23],
      ],
      normSums: [25, 27],
    },
  ]);
});

test('chunks past the training rows are not probed; no test rows, no test part', () => {
  const testHeavy = measurementLayout({ runs: 1, depth: 1, width: 1, n: 2, nTest: 5 }, 3);
  assert.deepEqual(
    testHeavy.chunks.map((chunk) => [chunk.start, chunk.parts.map((part) => part.split), chunk.probed]),
    [
      [0, ['train', 'test'], true],
      [3, ['test'], false],
      [6, ['test'], false],
    ],
  );
  const trainOnly = measurementLayout({ runs: 1, depth: 1, width: 1, n: 2 * EVAL_CHUNK + 1, nTest: 0 });
  assert.deepEqual(
    trainOnly.chunks.map((chunk) => [chunk.start, chunk.size, chunk.parts.length]),
    [
      [0, EVAL_CHUNK, 1],
      [EVAL_CHUNK, EVAL_CHUNK, 1],
      [2 * EVAL_CHUNK, 1, 1],
    ],
  );
});
