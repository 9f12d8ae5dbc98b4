/**
 * Summary statistics over seeds: mean, sample standard deviation and a 95% confidence interval
 * for the mean. The default interval is Student's t (few seeds make the normal interval too
 * narrow); bounded quantities pass their own rule (see intervals.ts).
 */

/** A two-sided 95% confidence interval. */
export interface Interval {
  low: number;
  high: number;
}

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); null for a single value. */
  std: number | null;
  /** The 95% confidence interval of the mean; both null for fewer than two values. */
  low: number | null;
  high: number | null;
}

/** How a 95% interval for the mean follows from the sample mean, sample sd and n (n >= 2). */
export type IntervalRule = (mean: number, std: number, n: number) => Interval;

// Two-sided 95% critical values t_{0.975, df} for df = 1..30 (standard tables).
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
/** The standard normal's 97.5% quantile. */
export const Z_975 = 1.959964;

/** t_{0.975, df}: the table up to 30, then the Cornish-Fisher expansion (error below 1e-4 there). */
export function tCritical975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/** Student's t interval for the mean: mean ± t_{0.975, n-1} · sd / √n. Right for unbounded quantities. */
export const tInterval: IntervalRule = (mean, std, n) => {
  const half = (tCritical975(n - 1) * std) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
};

/**
 * Mean, std and 95% interval of the finite values; non-finite ones (diverged runs) are left out.
 * `interval` says how the interval is built (t by default; shares pass `shareInterval`).
 */
export function summarize(values: readonly number[], interval: IntervalRule = tInterval): Summary {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { n, mean: Number.NaN, std: null, low: null, high: null };
  const mean = finite.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return { n, mean, std: null, low: null, high: null };
  const variance = finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  return { n, mean, std, ...interval(mean, std, n) };
}
