/**
 * Paired comparisons of configurations with a baseline configuration. Runs with the same seed draw
 * the same data, probe set and (where the shapes match) initial weights (see
 * src/experiments/rng.ts), so much of the seed-to-seed scatter is shared by both sides of a pair.
 * Differencing within each seed removes it: the interval is Student's t on the per-seed
 * differences (a paired t-interval), not on two independent means, and is narrower when the
 * pairing helps. Differences of shares live in [-1, 1], so theirs is built on the atanh scale
 * (intervals.ts); the loss difference gets the plain paired t-interval.
 */
import { groupBySeedlessKey, type RunSummary } from './aggregate.js';
import { baselineIndices, type Baseline } from './baseline.js';
import { shareDifferenceInterval } from './intervals.js';
import { summarize, tInterval, type IntervalRule, type Summary } from './statistics.js';

export interface Comparison {
  /** The swept values of the compared configuration and of the baseline. */
  key: Record<string, unknown>;
  baselineKey: Record<string, unknown>;
  /** The seeds of the pairs the differences are over, ascending: both sides have them and neither diverged. */
  seeds: number[];
  /** Seeds that only one of the two configurations has: no pair, so dropped. */
  unpairedSeeds: number[];
  /** Shared seeds left out because the run on either side diverged (its final metrics are NaN). */
  divergedSeeds: number[];
  /** Configuration minus baseline, per seed: mean, sd and the 95% paired t-interval (atanh scale for shares). */
  deadAtInit: Summary;
  deadFinal: Summary;
  loss: Summary;
  trainAccuracy: Summary;
  testAccuracy: Summary;
}

/** The first run of each seed: a seed listed twice in a sweep is one pair, not two. */
function bySeed(members: readonly RunSummary[]): Map<number, RunSummary> {
  const runs = new Map<number, RunSummary>();
  for (const run of members) if (!runs.has(run.seed)) runs.set(run.seed, run);
  return runs;
}

const ascending = (a: number, b: number) => a - b;

/**
 * Every configuration (in order of first appearance, as in groupOverSeeds) compared with its
 * baseline configuration (baseline.ts): one for all, by its 0-based index in that order, or the one
 * that shares its other swept values. A configuration that is a baseline, has none, or shares no
 * seed with it is left out; with a single configuration there is nothing to compare.
 */
export function pairedComparisons(runs: readonly RunSummary[], baseline: Baseline | number = 0): Comparison[] {
  const groups = groupBySeedlessKey(runs);
  if (groups.length === 0) return [];
  const rule: Baseline = typeof baseline === 'number' ? { kind: 'configuration', index: baseline } : baseline;
  if (
    rule.kind === 'configuration' &&
    (!Number.isInteger(rule.index) || rule.index < 0 || rule.index >= groups.length)
  ) {
    throw new RangeError(`baseline must be a configuration index from 0 to ${groups.length - 1}, got ${rule.index}`);
  }
  const baselines = baselineIndices(
    groups.map((group) => group.key),
    rule,
  );
  return groups.flatMap((group, index) => {
    if (baselines[index] < 0) return [];
    const baselineGroup = groups[baselines[index]];
    const base = bySeed(baselineGroup.members);
    const other = bySeed(group.members);
    const shared = [...other.keys()].filter((seed) => base.has(seed)).sort(ascending);
    if (shared.length === 0) return [];
    const unpairedSeeds = [...new Set([...base.keys(), ...other.keys()])]
      .filter((seed) => !shared.includes(seed))
      .sort(ascending);
    const diverged = (seed: number) => base.get(seed)!.status === 'diverged' || other.get(seed)!.status === 'diverged';
    const seeds = shared.filter((seed) => !diverged(seed));
    const difference = (
      metric: (run: RunSummary) => number | null,
      interval: IntervalRule = shareDifferenceInterval,
    ): Summary =>
      summarize(
        seeds.map((seed) => (metric(other.get(seed)!) ?? Number.NaN) - (metric(base.get(seed)!) ?? Number.NaN)),
        interval,
      );
    return [
      {
        key: group.key,
        baselineKey: baselineGroup.key,
        seeds,
        unpairedSeeds,
        divergedSeeds: shared.filter(diverged),
        deadAtInit: difference((run) => run.deadAtInit),
        deadFinal: difference((run) => run.deadFinal),
        loss: difference((run) => run.loss, tInterval),
        trainAccuracy: difference((run) => run.trainAccuracy),
        testAccuracy: difference((run) => run.testAccuracy),
      },
    ];
  });
}
