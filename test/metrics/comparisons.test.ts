import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedComparisons } from '../../src/metrics/comparisons.js';
import type { RunSummary } from '../../src/metrics/aggregate.js';
import { runSummary } from '../helpers/records.js';

const near = (actual: number | null, expected: number, tolerance = 1e-9) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}`,
  );

const run = (activation: string, seed: number, deadFinal: number, loss: number, extra: Partial<RunSummary> = {}) =>
  runSummary({
    runId: `${activation}-${seed}`,
    swept: { 'model.activation': activation, seed },
    seed,
    deadFinal,
    loss,
    deadAtInit: 0.1,
    trainAccuracy: null,
    testAccuracy: null,
    ...extra,
  });

/**
 * relu has seeds 1-5, leaky_relu 1, 2, 3, 4 and 6; leaky_relu's seed 4 diverged. So seeds 5 and 6
 * have no partner (dropped), seed 4 is excluded, and the pairs are seeds 1, 2, 3.
 */
const RUNS = [
  run('relu', 1, 0.5, 0.6),
  run('relu', 2, 0.4, 0.7),
  run('relu', 3, 0.6, 0.65),
  run('relu', 4, 0.55, 0.62),
  run('relu', 5, 0.45, 0.6),
  run('leaky_relu', 1, 0.3, 0.58),
  run('leaky_relu', 2, 0.25, 0.66),
  run('leaky_relu', 3, 0.35, 0.64),
  run('leaky_relu', 4, Number.NaN, Number.NaN, { status: 'diverged', divergedAtEpoch: 2 }),
  run('leaky_relu', 6, 0.1, 0.5),
];

test('paired t on per-seed differences, by hand: pairs by seed, drops unpaired seeds, excludes diverged ones', () => {
  const [comparison, ...rest] = pairedComparisons(RUNS);
  assert.equal(rest.length, 0);
  assert.deepEqual(comparison.key, { 'model.activation': 'leaky_relu' });
  assert.deepEqual(comparison.baselineKey, { 'model.activation': 'relu' });
  assert.deepEqual(comparison.seeds, [1, 2, 3]);
  assert.deepEqual(comparison.unpairedSeeds, [5, 6]);
  assert.deepEqual(comparison.divergedSeeds, [4]);

  // Loss, leaky_relu minus relu: seed 1: 0.58 - 0.60 = -0.02, seed 2: 0.66 - 0.70 = -0.04,
  // seed 3: 0.64 - 0.65 = -0.01. Mean -0.0233333; deviations 0.0033333, -0.0166667, 0.0133333;
  // sum of squares 0.00046667, variance 0.00046667 / 2 = 0.00023333, sd 0.0152753;
  // se 0.0152753 / sqrt(3) = 0.0088192; t_{0.975, df = 2} = 4.3027; half-width 4.3027 * 0.0088192 = 0.0379462.
  // Interval [-0.0612796, 0.0146129]: it holds zero, so no loss difference is shown at 95%.
  near(comparison.loss.mean, -0.0233333, 1e-7);
  near(comparison.loss.std, 0.0152753, 1e-7);
  near(comparison.loss.low, -0.0612796, 1e-7);
  near(comparison.loss.high, 0.0146129, 1e-7);

  // Final dead fraction: 0.30 - 0.50 = -0.20, 0.25 - 0.40 = -0.15, 0.35 - 0.60 = -0.25. Mean -0.20;
  // deviations 0, +0.05, -0.05; variance 0.005 / 2 = 0.0025, sd 0.05; se 0.05 / sqrt(3) = 0.0288675;
  // paired t: -0.20 ± 4.3027 * 0.0288675 = -0.20 ± 0.1242083. A difference of shares is built on the
  // atanh scale: half-width 0.1242083 / (1 - 0.2²) = 0.1293836 around atanh(-0.2) = -0.2027326, so
  // [tanh(-0.3321162), tanh(-0.0733490)] = [-0.3204209, -0.0732177]: below zero, fewer dead units.
  const dead = comparison.deadFinal;
  assert.equal(dead.n, 3);
  near(dead.mean, -0.2);
  near(dead.std, 0.05);
  near(dead.low, -0.3204209, 1e-7);
  near(dead.high, -0.0732177, 1e-7);

  // Equal initial dead fractions give zero differences: a zero-width interval at 0.
  assert.deepEqual(comparison.deadAtInit, { n: 3, mean: 0, std: 0, low: 0, high: 0 });
  // No accuracies (regression): nothing to compare, not zero.
  assert.equal(comparison.testAccuracy.n, 0);
  assert.equal(comparison.testAccuracy.low, null);
});

test('another baseline flips the sign of every difference and keeps the same pairs', () => {
  const [flipped] = pairedComparisons(RUNS, 1);
  assert.deepEqual(flipped.key, { 'model.activation': 'relu' });
  assert.deepEqual(flipped.baselineKey, { 'model.activation': 'leaky_relu' });
  assert.deepEqual([flipped.seeds, flipped.unpairedSeeds, flipped.divergedSeeds], [[1, 2, 3], [5, 6], [4]]);
  near(flipped.deadFinal.mean, 0.2);
  near(flipped.deadFinal.low, 0.0732177, 1e-7);
  near(flipped.deadFinal.high, 0.3204209, 1e-7);
  near(flipped.loss.low, -0.0146129, 1e-7);
});

test('each other configuration is compared with the baseline, in order of first appearance', () => {
  const runs = [...RUNS, run('elu', 2, 0.2, 0.5), run('elu', 3, 0.2, 0.5)];
  const comparisons = pairedComparisons(runs);
  assert.deepEqual(
    comparisons.map((comparison) => comparison.key['model.activation']),
    ['leaky_relu', 'elu'],
  );
  // elu: seeds 2 and 3, differences -0.2 and -0.4; sd sqrt(0.02), se 0.1, t_{0.975, 1} = 12.7062. The
  // paired t-interval -0.3 ± 1.27062 would pass -1 (-100 points); on the atanh scale the half-width
  // is 1.27062 / 0.91 = 1.3962857 around atanh(-0.3) = -0.3095196: [-0.9361309, 0.7956948].
  const elu = comparisons[1];
  assert.deepEqual(elu.unpairedSeeds, [1, 4, 5]);
  near(elu.deadFinal.mean, -0.3);
  near(elu.deadFinal.low, -0.9361309, 1e-7);
  near(elu.deadFinal.high, 0.7956948, 1e-7);
  // The loss has no bounds to respect: 0.5 - 0.7 = -0.2 and 0.5 - 0.65 = -0.15, sd 0.0353553, se 0.025,
  // the plain paired t-interval -0.175 ± 12.7062 * 0.025 = [-0.492655, 0.142655].
  near(elu.loss.low, -0.492655, 1e-9);
  near(elu.loss.high, 0.142655, 1e-9);
});

test('one pair gives a difference without an interval', () => {
  const [one] = pairedComparisons([run('relu', 1, 0.5, 0.6), run('leaky_relu', 1, 0.3, 0.5)]);
  assert.deepEqual(one.seeds, [1]);
  near(one.deadFinal.mean, -0.2);
  assert.deepEqual([one.deadFinal.std, one.deadFinal.low, one.deadFinal.high], [null, null, null]);
});

test('nothing to compare: no runs, one configuration, or no shared seed', () => {
  assert.deepEqual(pairedComparisons([]), []);
  assert.deepEqual(pairedComparisons(RUNS.slice(0, 5)), []);
  assert.deepEqual(pairedComparisons([run('relu', 1, 0.5, 0.6), run('leaky_relu', 2, 0.3, 0.5)]), []);
});

test('a baseline that is not a configuration index is a programming error', () => {
  assert.throws(() => pairedComparisons(RUNS, 2), RangeError);
  assert.throws(() => pairedComparisons(RUNS, -1), RangeError);
});
