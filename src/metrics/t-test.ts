/**
 * Student's t distribution and the paired t-test, for questions of the form "is there a shift?"
 * (reproduce across backends). The interval code in statistics.ts only needs the 97.5% quantile;
 * a test at a Bonferroni-corrected level needs the whole distribution function.
 */

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, 9 terms): relative error below 1e-13. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the regularised incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / (Math.abs(1 + even * d) < tiny ? tiny : 1 + even * d);
    c = Math.abs(1 + even / c) < tiny ? tiny : 1 + even / c;
    result *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / (Math.abs(1 + odd * d) < tiny ? tiny : 1 + odd * d);
    c = Math.abs(1 + odd / c) < tiny ? tiny : 1 + odd / c;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return result;
}

/** I_x(a, b), the regularised incomplete beta function, for 0 <= x <= 1. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only on one side of the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a).
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

export interface PairedTTest {
  n: number;
  /** Mean and sample sd of the differences. */
  mean: number;
  sd: number;
  t: number;
  /** Two-sided p-value of "the mean difference is 0"; 1 when every difference is 0. */
  p: number;
}

/** The paired t-test on per-pair differences; null with fewer than two finite differences. */
export function pairedTTest(differences: readonly number[]): PairedTTest | null {
  const finite = differences.filter(Number.isFinite);
  const n = finite.length;
  if (n < 2) return null;
  const mean = finite.reduce((sum, d) => sum + d, 0) / n;
  const sd = Math.sqrt(finite.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1));
  if (sd === 0) return { n, mean, sd, t: mean === 0 ? 0 : Math.sign(mean) * Infinity, p: mean === 0 ? 1 : 0 };
  const t = mean / (sd / Math.sqrt(n));
  return { n, mean, sd, t, p: 2 * (1 - studentTCdf(Math.abs(t), n - 1)) };
}
