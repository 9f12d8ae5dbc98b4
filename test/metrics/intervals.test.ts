import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  positiveInterval,
  shareDifferenceInterval,
  shareInterval,
  wilsonInterval,
} from '../../src/metrics/intervals.js';
import { summarize, tInterval } from '../../src/metrics/statistics.js';

const near = (actual: number | null | undefined, expected: number, tolerance = 1e-6) =>
  assert.ok(
    actual != null && Math.abs(actual - expected) <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}`,
  );

test('wilsonInterval: 3 of 10 at 95% is [0.1078, 0.6032] (R: prop.test(3, 10, correct = FALSE))', () => {
  // p = 0.3, z = 1.959964, z²/n = 0.384146: centre (0.3 + 0.192073) / 1.384146 = 0.355507,
  // half 1.959964 / 1.384146 * sqrt(0.021 + 0.0096037) = 1.416009 * 0.174939 = 0.247715,
  // so [0.355507 - 0.247715, 0.355507 + 0.247715].
  const interval = wilsonInterval(3, 10)!;
  near(interval.low, 0.1077913);
  near(interval.high, 0.6032219);
});

test('wilsonInterval: 0 and all of n are not points, and stay inside [0, 1]', () => {
  // 0 of 10: centre 0.192073 / 1.384146 = 0.138766 = half, so [0, 2 * 0.138766].
  assert.equal(wilsonInterval(0, 10)!.low, 0);
  near(wilsonInterval(0, 10)!.high, 0.2775328);
  near(wilsonInterval(10, 10)!.low, 0.7224672);
  assert.equal(wilsonInterval(10, 10)!.high, 1);
  // Exactly 0, not a rounding error that a CSV would print as 5.5511151e-17.
  assert.equal(wilsonInterval(0, 3)!.low, 0);
  near(wilsonInterval(0, 3)!.high, 0.561497);
  near(wilsonInterval(1, 3)!.low, 0.0614919);
  near(wilsonInterval(1, 3)!.high, 0.7923404);
  assert.equal(wilsonInterval(0, 0), null);
});

test('shareInterval: [0.2, 0.4, 0.6] on the logit scale stays inside (0, 1) where the t-interval does not', () => {
  // mean 0.4, sd 0.2, n 3: se 0.2 / sqrt(3) = 0.115470; t_{0.975, 2} = 4.3027.
  // logit(0.4) = ln(0.4 / 0.6) = -0.405465; half-width 4.3027 * 0.115470 / (0.4 * 0.6) = 2.070138.
  // Ends: 1 / (1 + e^(0.405465 + 2.070138)) = 0.077586, 1 / (1 + e^(0.405465 - 2.070138)) = 0.840864.
  const summary = summarize([0.2, 0.4, 0.6], shareInterval);
  near(summary.mean, 0.4, 1e-12);
  near(summary.low, 0.0775863);
  near(summary.high, 0.8408642);
  // The t-interval on the same values: 0.4 ± 4.3027 * 0.115470 = 0.4 ± 0.496833, below 0.
  near(tInterval(0.4, 0.2, 3).low, -0.096833);
});

test('shareInterval: the README case, 79.7% with a t half-width of 66.5 points over 3 seeds', () => {
  // sd = 0.665 * sqrt(3) / 4.3027 = 0.267698; half-width on the logit scale 0.665 / (0.797 * 0.203) = 4.110241
  // around logit(0.797) = 1.367649: [expit(-2.742592), expit(5.477890)] = [0.060506, 0.995839].
  const interval = shareInterval(0.797, (0.665 * Math.sqrt(3)) / 4.3027, 3);
  near(interval.low, 0.0605064);
  near(interval.high, 0.9958392);
});

test('shareInterval: close to the t-interval for a mean near 0.5 with a small standard error', () => {
  const share = shareInterval(0.5, 0.01, 10);
  const t = tInterval(0.5, 0.01, 10);
  near(share.low, t.low, 2e-5);
  near(share.high, t.high, 2e-5);
});

test('shareInterval: equal values, or a mean of exactly 0 or 1, give the value itself', () => {
  assert.deepEqual(summarize([0.25, 0.25, 0.25], shareInterval), { n: 3, mean: 0.25, std: 0, low: 0.25, high: 0.25 });
  assert.deepEqual(summarize([0, 0], shareInterval), { n: 2, mean: 0, std: 0, low: 0, high: 0 });
  assert.deepEqual(summarize([1, 1, 1], shareInterval), { n: 3, mean: 1, std: 0, low: 1, high: 1 });
  assert.deepEqual(summarize([0.7], shareInterval), { n: 1, mean: 0.7, std: null, low: null, high: null });
});

test('positiveInterval: [0.2, 0.4, 0.6] on the log scale stays above 0 where the t-interval does not', () => {
  // mean 0.4, se 0.115470, t_{0.975, 2} = 4.3027: h = 4.3027 * 0.115470 / 0.4 = 1.242083,
  // so [0.4 e^-1.242083, 0.4 e^1.242083] = [0.115513, 1.385127]: longer upwards, as losses scatter.
  const summary = summarize([0.2, 0.4, 0.6], positiveInterval);
  near(summary.low, 0.1155129);
  near(summary.high, 1.3851269);
  near(tInterval(0.4, 0.2, 3).low, -0.096833);
});

test("positiveInterval: the README example's alpha 0.01 loss, whose t-interval reaches -0.130", () => {
  // mean 0.14264753, sd 0.10994758, n 3: t half-width 4.3027 * 0.063478 = 0.273127, so t gives
  // [-0.130480, 0.415775]; h = 0.273127 / 0.14264753 = 1.914705, so [0.142648 e^-h, 0.142648 e^h].
  const interval = positiveInterval(0.14264753, 0.10994758, 3);
  near(interval.low, 0.0210242);
  near(interval.high, 0.9678544);
  near(tInterval(0.14264753, 0.10994758, 3).low, -0.1304804);
});

test('positiveInterval: close to the t-interval when the standard error is small next to the mean', () => {
  // h = 2.2622 * 0.01 / sqrt(10) = 0.0071537; e^±h differs from 1 ± h by h²/2 = 2.6e-5.
  const log = positiveInterval(1, 0.01, 10);
  const t = tInterval(1, 0.01, 10);
  near(log.low, t.low, 3e-5);
  near(log.high, t.high, 3e-5);
});

test('positiveInterval: equal values give the value itself, one value no interval', () => {
  assert.deepEqual(summarize([0.3, 0.3], positiveInterval), { n: 2, mean: 0.3, std: 0, low: 0.3, high: 0.3 });
  assert.deepEqual(summarize([0, 0, 0], positiveInterval), { n: 3, mean: 0, std: 0, low: 0, high: 0 });
  assert.deepEqual(summarize([0.7], positiveInterval), { n: 1, mean: 0.7, std: null, low: null, high: null });
});

test('shareDifferenceInterval: the deep.json case stays inside ±1 where the paired t-interval does not', () => {
  // Mean difference -0.306, paired t half-width 0.972 over 3 seeds (sd = 0.972 * sqrt(3) / 4.3027):
  // t gives [-1.278, 0.666]; on the atanh scale the half-width is 0.972 / (1 - 0.306²) = 1.072417
  // around atanh(-0.306) = -0.316126: [tanh(-1.388543), tanh(0.756291)] = [-0.882850, 0.638887].
  const interval = shareDifferenceInterval(-0.306, (0.972 * Math.sqrt(3)) / 4.3027, 3);
  near(interval.low, -0.8828499);
  near(interval.high, 0.6388869);
});

test('shareDifferenceInterval is shareInterval moved from [0, 1] to [-1, 1], and t near 0', () => {
  const moved = shareInterval((0.3 + 1) / 2, 0.4 / 2, 4);
  const difference = shareDifferenceInterval(0.3, 0.4, 4);
  near(difference.low, 2 * moved.low - 1, 1e-12);
  near(difference.high, 2 * moved.high - 1, 1e-12);
  // At a mean difference of 0 with a small se the two agree to 2e-7 (tanh(x) = x - x³/3 ...).
  const t = tInterval(0, 0.01, 10);
  near(shareDifferenceInterval(0, 0.01, 10).low, t.low, 2e-7);
  near(shareDifferenceInterval(0, 0.01, 10).high, t.high, 2e-7);
  assert.deepEqual(shareDifferenceInterval(-1, 0, 3), { low: -1, high: -1 });
});
