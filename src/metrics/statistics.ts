/**
 * Summary statistics over seeds: mean, sample standard deviation and a 95% confidence interval
 * for the mean from Student's t distribution (few seeds make the normal interval too narrow).
 */

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); null for a single value. */
  std: number | null;
  /** Half-width of the 95% confidence interval of the mean; null for a single value. */
  ci95: number | null;
}

// Two-sided 95% critical values t_{0.975, df} for df = 1..30 (standard tables).
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448,
  2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484,
  2.0452, 2.0423,
];
const Z_975 = 1.959964;

/** t_{0.975, df}: the table up to 30, then the Cornish-Fisher expansion (error below 1e-4 there). */
export function tCritical975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/** Mean, std and 95% CI half-width of the finite values; non-finite ones (diverged runs) are left out. */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { n, mean: Number.NaN, std: null, ci95: null };
  const mean = finite.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return { n, mean, std: null, ci95: null };
  const variance = finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  return { n, mean, std, ci95: (tCritical975(n - 1) * std) / Math.sqrt(n) };
}
