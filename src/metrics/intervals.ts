/**
 * 95% intervals for bounded quantities: the mean of per-run shares (dead fractions, accuracies),
 * in [0, 1]; the mean loss, in (0, ∞); a count of runs out of n (born-dead networks). A t-interval
 * (mean ± half-width) ignores the bounds: three seeds of test accuracy gave 79.7% ± 66.5, an
 * interval up to 146%. Clipping it would keep a symmetric interval whose cut end means nothing.
 */
import { tCritical975, Z_975, type Interval, type IntervalRule } from './statistics.js';

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * A t-interval built on the logit scale and mapped back (the delta method, as Stata's
 * `proportion` and survey software build intervals for estimated shares):
 *
 *   logit(m) ± t_{0.975, n-1} · (sd / √n) / (m (1 - m)),   then 1 / (1 + e^-x) at both ends.
 *
 * Always inside (0, 1); close to the t-interval when the mean is far from the bounds and its
 * standard error small, and lopsided towards the middle near a bound, which is how a mean of
 * bounded values scatters. With few seeds it is still wide: it says as much as three seeds know.
 * A bootstrap was not chosen: with 3 seeds it has 10 distinct resample means and no t correction,
 * so it is far too narrow. When every value is the same (sd 0, or a mean of exactly 0 or 1, which
 * in [0, 1] forces sd 0) the interval is that value, as the t-interval would give.
 */
export const shareInterval: IntervalRule = (mean, std, n) => {
  if (std === 0 || mean <= 0 || mean >= 1) return { low: mean, high: mean };
  const half = (tCritical975(n - 1) * std) / Math.sqrt(n) / (mean * (1 - mean));
  return { low: expit(logit(mean) - half), high: expit(logit(mean) + half) };
};

/**
 * For the mean of per-run values that are positive and unbounded above (the loss): the same
 * construction on the log scale, where the bound at 0 moves out of reach,
 *
 *   log(m) ± t_{0.975, n-1} · (sd / √n) / m,   then exp at both ends: [m·e^-h, m·e^h].
 *
 * A Student's t-interval ignores the bound: the final loss of alpha 0.01 in the README's example
 * result, 0.1426 over three seeds (sd 0.1099), gets 0.1426 ± 0.2731, down to -0.130; this one gives
 * [0.0210, 0.9679]. It is always above 0,
 * close to the t-interval while the standard error is small next to the mean (m·e^±h ≈ m ± m·h),
 * and longer upwards, as the mean of a right-skewed quantity scatters. It keeps the arithmetic
 * mean as its centre, the number the tables print and comparisons difference; an interval for
 * the geometric mean (exp of a t-interval of log losses) would bracket another number.
 * docs/definitions.md measures its coverage against the t-interval's on the claims study's losses.
 */
export const positiveInterval: IntervalRule = (mean, std, n) => {
  if (std === 0 || mean <= 0) return { low: mean, high: mean };
  const half = (tCritical975(n - 1) * std) / Math.sqrt(n) / mean;
  return { low: mean * Math.exp(-half), high: mean * Math.exp(half) };
};

/**
 * For the mean of per-seed differences of two shares, which lives in [-1, 1]: the same construction
 * moved to [-1, 1], i.e. on the atanh scale (Fisher's z for correlations):
 *
 *   atanh(d) ± t_{0.975, n-1} · (sd / √n) / (1 - d²),   then tanh at both ends.
 *
 * It is shareInterval applied to (d + 1) / 2 (logit((d + 1) / 2) = 2 atanh(d)). Near d = 0 it is
 * the paired t-interval itself; it only bends where the t-interval would pass ±1 (±100 points).
 */
export const shareDifferenceInterval: IntervalRule = (mean, std, n) => {
  if (std === 0 || mean <= -1 || mean >= 1) return { low: mean, high: mean };
  const half = (tCritical975(n - 1) * std) / Math.sqrt(n) / (1 - mean * mean);
  return { low: Math.tanh(Math.atanh(mean) - half), high: Math.tanh(Math.atanh(mean) + half) };
};

/**
 * Wilson's score interval for a share of k successes in n trials (here: born-dead runs of a
 * configuration). Unlike the Wald interval p ± z√(p(1-p)/n) it stays inside [0, 1] and does not
 * collapse to a point at 0 of n or n of n: 0 of 10 born dead still allows up to 27.8%.
 *
 *   centre = (p + z²/2n) / (1 + z²/n),   half = z / (1 + z²/n) · √(p(1-p)/n + z²/4n²)
 *
 * Null when there are no trials.
 */
export function wilsonInterval(k: number, n: number): Interval | null {
  if (n === 0) return null;
  const z = Z_975;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At k = 0 (k = n) the exact low (high) end is 0 (1); the formula leaves a rounding error of ~1e-17.
  return { low: k === 0 ? 0 : centre - half, high: k === n ? 1 : centre + half };
}
