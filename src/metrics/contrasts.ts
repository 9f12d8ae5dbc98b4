/**
 * Per-seed contrasts between configurations that share seeds. Runs with the same seed draw the same
 * data, probe set and (where the shapes match) initial weights, so a contrast taken within each
 * seed and then summarised over seeds keeps the pairing that comparisons.ts uses:
 *
 *   c(seed) = Σ_i w_i · x_i(seed),   then mean, sd and a 95% interval of c over the seeds
 *
 * Weights [+1, -1] give the paired difference of comparisons.ts (configuration minus baseline);
 * [+1, -1, -1, +1] the difference of two paired differences, e.g. (leaky - relu) at depth 24 minus
 * (leaky - relu) at depth 4: whether a gap grows with depth (an interaction). Only seeds where every
 * term has a finite value count (a diverged run has NaN metrics), as in comparisons.ts.
 */
import { summarize, tInterval, type IntervalRule, type Summary } from './statistics.js';

export interface ContrastTerm {
  weight: number;
  /** One value per seed for one configuration. */
  values: ReadonlyMap<number, number>;
}

export interface Contrast extends Summary {
  /** The seeds the contrast is over, ascending. */
  seeds: number[];
}

/**
 * The contrast Σ w_i x_i per seed, summarised with `interval` (Student's t by default; a paired
 * difference of shares passes shareDifferenceInterval, as comparisons.ts does).
 */
export function seedContrast(terms: readonly ContrastTerm[], interval: IntervalRule = tInterval): Contrast {
  if (terms.length === 0) throw new RangeError('a contrast needs at least one term');
  const seeds = [...terms[0].values.keys()]
    .filter((seed) => terms.every((term) => Number.isFinite(term.values.get(seed))))
    .sort((a, b) => a - b);
  const values = seeds.map((seed) => terms.reduce((sum, term) => sum + term.weight * term.values.get(seed)!, 0));
  return { ...summarize(values, interval), seeds };
}
