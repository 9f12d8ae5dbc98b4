import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, tCritical975, tInterval } from '../../src/metrics/statistics.js';

const near = (actual: number | null, expected: number, tolerance: number) =>
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}`,
  );

test('summarize([1, 2, 3, 4]): mean, sample std and t-based 95% CI', () => {
  const summary = summarize([1, 2, 3, 4]);
  assert.equal(summary.n, 4);
  assert.equal(summary.mean, 2.5);
  near(summary.std, Math.sqrt(5 / 3), 1e-12);
  // t_{0.975, 3} = 3.1824, and sqrt(4) = 2: half-width 3.1824 * 1.290994 / 2 = 2.054231.
  near(summary.low, 2.5 - (3.1824 * Math.sqrt(5 / 3)) / 2, 1e-12);
  near(summary.high, 2.5 + (3.1824 * Math.sqrt(5 / 3)) / 2, 1e-12);
  near(summary.low, 0.445769, 1e-6);
  near(summary.high, 4.554231, 1e-6);
});

test('summarize takes the interval rule it is given', () => {
  const rule = (mean: number, std: number, n: number) => ({ low: mean - std, high: n });
  assert.deepEqual(summarize([1, 3], rule), { n: 2, mean: 2, std: Math.SQRT2, low: 2 - Math.SQRT2, high: 2 });
  // Student's t is the default rule.
  const { low, high } = summarize([1, 3]);
  assert.deepEqual(tInterval(2, Math.SQRT2, 2), { low, high });
});

test('a single value has a mean but no std or CI', () => {
  assert.deepEqual(summarize([0.3]), { n: 1, mean: 0.3, std: null, low: null, high: null });
});

test('non-finite values (diverged runs) are left out', () => {
  const summary = summarize([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
  assert.equal(summary.n, 2);
  assert.equal(summary.mean, 2);
  near(summary.std, Math.SQRT2, 1e-12);
  // t_{0.975, 1} * sqrt(2) / sqrt(2) = 12.7062 either side of 2.
  near(summary.low, 2 - 12.7062, 1e-9);
  near(summary.high, 2 + 12.7062, 1e-9);
  const empty = summarize([Number.NaN]);
  assert.equal(empty.n, 0);
  assert.ok(Number.isNaN(empty.mean));
  assert.equal(empty.std, null);
});

test('tCritical975 matches the t table, inside and beyond its 30 rows', () => {
  assert.equal(tCritical975(1), 12.7062);
  assert.equal(tCritical975(30), 2.0423);
  // Reference values of t_{0.975, df} to six decimals.
  near(tCritical975(31), 2.039513, 1e-4);
  near(tCritical975(40), 2.021075, 1e-4);
  near(tCritical975(100), 1.983972, 1e-4);
  near(tCritical975(1000), 1.962339, 1e-4);
  assert.ok(tCritical975(31) < tCritical975(30));
});

test('tCritical975 rejects non-integer and non-positive degrees of freedom', () => {
  assert.throws(() => tCritical975(0), RangeError);
  assert.throws(() => tCritical975(2.5), RangeError);
});
