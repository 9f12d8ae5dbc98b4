import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedComparisons } from '../../src/metrics/comparisons.js';
import { seedContrast } from '../../src/metrics/contrasts.js';
import { shareDifferenceInterval } from '../../src/metrics/intervals.js';
import { runSummary } from '../helpers/records.js';

const near = (actual: number | null, expected: number, tolerance = 1e-9) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}`,
  );

const bySeed = (entries: [number, number][]) => new Map(entries);

test('weights +1, -1 are the paired difference of comparisons.ts, interval included', () => {
  // comparisons.test.ts's case: relu seeds 1-5, leaky_relu 1-4 and 6 with seed 4 diverged (NaN).
  const relu = bySeed([
    [1, 0.5],
    [2, 0.4],
    [3, 0.6],
    [4, 0.55],
    [5, 0.45],
  ]);
  const leaky = bySeed([
    [1, 0.3],
    [2, 0.25],
    [3, 0.35],
    [4, Number.NaN],
    [6, 0.1],
  ]);
  const contrast = seedContrast(
    [
      { weight: 1, values: leaky },
      { weight: -1, values: relu },
    ],
    shareDifferenceInterval,
  );
  assert.deepEqual(contrast.seeds, [1, 2, 3]);
  // By hand there: -0.2, sd 0.05, atanh-scale interval [-0.3204209, -0.0732177].
  near(contrast.mean, -0.2);
  near(contrast.std, 0.05);
  near(contrast.low, -0.3204209, 1e-7);
  near(contrast.high, -0.0732177, 1e-7);

  const run = (activation: string, seed: number, deadFinal: number) =>
    runSummary({
      runId: `${activation}-${seed}`,
      swept: { 'model.activation': activation, seed },
      seed,
      deadFinal,
      loss: 1,
    });
  const runs = [...relu]
    .map(([seed, value]) => run('relu', seed, value))
    .concat([...leaky].map(([seed, value]) => run('leaky_relu', seed, value)));
  const [comparison] = pairedComparisons(runs);
  assert.deepEqual({ ...contrast, seeds: undefined }, { ...comparison.deadFinal, seeds: undefined });
});

test('a difference of paired differences (an interaction), by hand with the plain t-interval', () => {
  // Per seed (leaky_deep - relu_deep) - (leaky_shallow - relu_shallow):
  //   seed 1: (0.2 - 0.6) - (0.1 - 0.2) = -0.3;  seed 2: (0.3 - 0.5) - (0.1 - 0.1) = -0.2;
  //   seed 3: (0.1 - 0.6) - (0.2 - 0.2) = -0.5.  Seed 4 lacks relu_shallow, so it is left out.
  // Mean -1/3; deviations 1/30, 4/30, -5/30; variance (1 + 16 + 25) / 900 / 2 = 0.0233333, sd 0.1527525;
  // se 0.0881917; t_{0.975, 2} = 4.3027: half-width 0.3794625, interval [-0.7127958, 0.0461291].
  const contrast = seedContrast([
    {
      weight: 1,
      values: bySeed([
        [1, 0.2],
        [2, 0.3],
        [3, 0.1],
        [4, 0.2],
      ]),
    },
    {
      weight: -1,
      values: bySeed([
        [1, 0.6],
        [2, 0.5],
        [3, 0.6],
        [4, 0.6],
      ]),
    },
    {
      weight: -1,
      values: bySeed([
        [1, 0.1],
        [2, 0.1],
        [3, 0.2],
        [4, 0.1],
      ]),
    },
    {
      weight: 1,
      values: bySeed([
        [1, 0.2],
        [2, 0.1],
        [3, 0.2],
      ]),
    },
  ]);
  assert.deepEqual(contrast.seeds, [1, 2, 3]);
  near(contrast.mean, -1 / 3);
  near(contrast.std, 0.1527525, 1e-7);
  near(contrast.low, -0.7127958, 1e-7);
  near(contrast.high, 0.0461291, 1e-7);
});

test('no seed that every term has: an empty summary; no terms: a programming error', () => {
  const contrast = seedContrast([
    { weight: 1, values: bySeed([[1, 0.5]]) },
    { weight: -1, values: bySeed([[2, 0.5]]) },
  ]);
  assert.deepEqual(contrast, { n: 0, mean: Number.NaN, std: null, low: null, high: null, seeds: [] });
  assert.throws(() => seedContrast([]), RangeError);
});
