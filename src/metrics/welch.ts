/**
 * The difference of two configurations' means (b minus a) with a 95% interval, for runs that do
 * not share data: Welch's t, which does not assume equal variances on both sides. For shares the
 * interval is built on the atanh scale, like the paired one (intervals.ts), so it stays within
 * ±100 points. Welch's degrees of freedom are rarely whole; they are rounded down, which widens the
 * interval slightly (the conservative side).
 *
 *   d = mean(b) - mean(a),  se = √(s_a²/n_a + s_b²/n_b),
 *   df = se⁴ / ((s_a²/n_a)² / (n_a - 1) + (s_b²/n_b)² / (n_b - 1))
 *   loss:   d ± t_{0.975, ⌊df⌋} · se
 *   shares: tanh(atanh(d) ± t_{0.975, ⌊df⌋} · se / (1 - d²))
 */
import { summarize, tCritical975 } from './statistics.js';

export interface MeanDifference {
  mean: number;
  /** Both null when either side has fewer than two values (no spread to build an interval from). */
  low: number | null;
  high: number | null;
  /** Welch's degrees of freedom (before rounding down); null with no interval. */
  df: number | null;
}

export function welchDifference(a: readonly number[], b: readonly number[], share: boolean): MeanDifference {
  const left = summarize(a);
  const right = summarize(b);
  const mean = right.mean - left.mean;
  if (left.std === null || right.std === null) return { mean, low: null, high: null, df: null };
  const va = left.std ** 2 / left.n;
  const vb = right.std ** 2 / right.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { mean, low: mean, high: mean, df: null };
  const df = (va + vb) ** 2 / (va ** 2 / (left.n - 1) + vb ** 2 / (right.n - 1));
  const t = tCritical975(Math.max(1, Math.floor(df)));
  if (!share) return { mean, low: mean - t * se, high: mean + t * se, df };
  if (mean <= -1 || mean >= 1) return { mean, low: mean, high: mean, df };
  const half = (t * se) / (1 - mean * mean);
  return { mean, low: Math.tanh(Math.atanh(mean) - half), high: Math.tanh(Math.atanh(mean) + half), df };
}
