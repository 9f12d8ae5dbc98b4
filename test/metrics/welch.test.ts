import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tCritical975 } from '../../src/metrics/statistics.js';
import { welchDifference } from '../../src/metrics/welch.js';

const close = (actual: number | null, expected: number, what: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);

test('welchDifference: b minus a, Welch-Satterthwaite degrees of freedom rounded down', () => {
  // Variances 1 and 5/3: se² = 1/3 + 5/12 = 3/4, df = 0.5625 / ((1/3)²/2 + (5/12)²/3) = 4.959...
  const result = welchDifference([1, 2, 3], [4, 5, 6, 7], false);
  assert.equal(result.mean, 3.5);
  close(result.df, 0.5625 / (1 / 18 + 25 / 432), 'df');
  const half = tCritical975(4) * Math.sqrt(0.75);
  close(result.low, 3.5 - half, 'low');
  close(result.high, 3.5 + half, 'high');
});

test('welchDifference: shares on the atanh scale stay within ±1', () => {
  const a = [0.05, 0.1, 0.02];
  const b = [0.9, 0.99, 0.6];
  const result = welchDifference(a, b, true);
  const plain = welchDifference(a, b, false);
  assert.ok(plain.high! > 1, 'the plain interval passes +100 points');
  assert.ok(result.low! > -1 && result.high! < 1);
  const d = result.mean;
  const se = (plain.high! - plain.low!) / 2 / tCritical975(Math.floor(result.df!));
  close(result.high, Math.tanh(Math.atanh(d) + (tCritical975(Math.floor(result.df!)) * se) / (1 - d * d)), 'high');
});

test('welchDifference: no interval from one value a side; a point when nothing varies', () => {
  assert.deepEqual(welchDifference([0.5], [0.6, 0.7], true), {
    mean: 0.6499999999999999 - 0.5,
    low: null,
    high: null,
    df: null,
  });
  assert.deepEqual(welchDifference([0.2, 0.2], [0.5, 0.5], true), { mean: 0.3, low: 0.3, high: 0.3, df: null });
});
