/**
 * Two results folders side by side (`dead-neurons compare A B`): the configurations both hold (the
 * same label, i.e. the same swept values), each side's final dead fraction, loss and test accuracy
 * over seeds, and B minus A with a 95% interval. When both sides ran exactly the same seeds the
 * runs pair up (same data, probe set and initial weights where the shapes match), so the interval is
 * the paired t on per-seed differences, as `run`'s comparisons; otherwise Welch's t on two
 * independent means. Shares on the atanh scale either way. Pure: folders are read by the caller.
 */
import { groupBySeedlessKey, type RunSummary } from '../../metrics/aggregate.js';
import { positiveInterval, shareDifferenceInterval, shareInterval } from '../../metrics/intervals.js';
import { summarize, tInterval, type Summary } from '../../metrics/statistics.js';
import { welchDifference, type MeanDifference } from '../../metrics/welch.js';
import { configurationLabel } from '../results/labels.js';

export interface CompareSide {
  name: string;
  runs: readonly RunSummary[];
}

export const COMPARED_METRICS = ['deadFinal', 'loss', 'testAccuracy'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

interface MetricComparison {
  a: Summary;
  b: Summary;
  /** B minus A. */
  difference: MeanDifference;
  /** The interval lies wholly above or below 0. */
  differs: boolean;
}

interface ComparedConfiguration {
  label: string;
  seedsA: number[];
  seedsB: number[];
  method: 'paired' | 'welch';
  metrics: Record<ComparedMetric, MetricComparison>;
}

export interface FolderComparison {
  shared: ComparedConfiguration[];
  onlyA: string[];
  onlyB: string[];
}

const SHARE: Record<ComparedMetric, boolean> = { deadFinal: true, loss: false, testAccuracy: true };
const value = (run: RunSummary, metric: ComparedMetric): number => run[metric] ?? Number.NaN;

/** The first run of each seed, as in the paired comparisons: a seed listed twice is one run. */
function bySeed(runs: readonly RunSummary[]): Map<number, RunSummary> {
  const seeds = new Map<number, RunSummary>();
  for (const run of runs) if (!seeds.has(run.seed)) seeds.set(run.seed, run);
  return seeds;
}

function sameSeeds(a: Map<number, RunSummary>, b: Map<number, RunSummary>): boolean {
  return a.size === b.size && [...a.keys()].every((seed) => b.has(seed));
}

function compareMetric(
  a: Map<number, RunSummary>,
  b: Map<number, RunSummary>,
  metric: ComparedMetric,
  paired: boolean,
): MetricComparison {
  const share = SHARE[metric];
  const valuesA = [...a.values()].map((run) => value(run, metric));
  const valuesB = [...b.values()].map((run) => value(run, metric));
  let difference: MeanDifference;
  if (paired) {
    // Over the seeds where neither side diverged (a NaN difference is left out by summarize).
    const diffs = [...a.keys()].map((seed) => value(b.get(seed)!, metric) - value(a.get(seed)!, metric));
    const summary = summarize(diffs, share ? shareDifferenceInterval : tInterval);
    difference = { mean: summary.mean, low: summary.low, high: summary.high, df: summary.n > 1 ? summary.n - 1 : null };
  } else {
    difference = welchDifference(valuesA, valuesB, share);
  }
  const { low, high } = difference;
  return {
    a: summarize(valuesA, share ? shareInterval : positiveInterval),
    b: summarize(valuesB, share ? shareInterval : positiveInterval),
    difference,
    differs: low !== null && high !== null && (low > 0 || high < 0),
  };
}

/** The configurations both sides hold, in A's order, and those only one side holds. */
export function compareResults(a: CompareSide, b: CompareSide): FolderComparison {
  const label = (side: CompareSide) => (group: { key: Record<string, unknown> }) =>
    configurationLabel(group.key, side.name);
  const groupsA = groupBySeedlessKey(a.runs).map((group) => ({ label: label(a)(group), runs: bySeed(group.members) }));
  const groupsB = new Map(groupBySeedlessKey(b.runs).map((group) => [label(b)(group), bySeed(group.members)]));
  const shared = groupsA.flatMap(({ label: name, runs }) => {
    const other = groupsB.get(name);
    if (!other) return [];
    const paired = sameSeeds(runs, other) && runs.size > 1;
    const metrics = Object.fromEntries(
      COMPARED_METRICS.map((metric) => [metric, compareMetric(runs, other, metric, paired)]),
    ) as Record<ComparedMetric, MetricComparison>;
    return [
      {
        label: name,
        seedsA: [...runs.keys()],
        seedsB: [...other.keys()],
        method: paired ? ('paired' as const) : ('welch' as const),
        metrics,
      },
    ];
  });
  const labelsA = new Set(groupsA.map((group) => group.label));
  return {
    shared,
    onlyA: groupsA.filter((group) => !groupsB.has(group.label)).map((group) => group.label),
    onlyB: [...groupsB.keys()].filter((name) => !labelsA.has(name)),
  };
}
