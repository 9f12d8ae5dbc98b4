/**
 * The human-readable side of paired comparisons (terminal table, markdown): the title that names
 * the baseline and the test, and the cells of one comparison row. Which baseline `--baseline`
 * names is results/baseline.ts's business (comparisons.csv follows it too).
 */
import { groupBySeedlessKey } from '../../metrics/aggregate.js';
import type { Baseline } from '../../metrics/baseline.js';
import type { Comparison } from '../../metrics/comparisons.js';
import type { Summary } from '../../metrics/statistics.js';
import { COMPARISON_TEST, configurationLabel } from '../results/labels.js';

/** The labels of the configurations that runs (finished or planned) form, in the summary's order. */
export function configurationLabels(
  runs: readonly { swept: Record<string, unknown> }[],
  fallbackLabel: string,
): string[] {
  return groupBySeedlessKey(runs).map((group) => configurationLabel(group.key, fallbackLabel));
}

/** "+3.1" / "-0.0300": a difference with its sign, so the direction reads at a glance. */
function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits); // no "-0.0" or "+0.0" for what rounds to zero
  return value > 0 ? `+${text}` : text;
}

/**
 * How many lines a difference takes in a table cell: 1 "-21.0 [-26.0, -16.0]", 2 with the interval
 * under the mean, 3 with its ends on lines of their own.
 */
export type DifferenceLines = 1 | 2 | 3;

/** A difference and its interval: "-21.0 [-26.0, -16.0]"; the mean alone for one pair; '–' for none. */
export function difference(summary: Summary, scale: number, digits: number, lines: DifferenceLines = 1): string {
  if (summary.n === 0) return '–';
  const mean = signed(summary.mean * scale, digits);
  if (summary.low === null || summary.high === null) return mean;
  const [afterMean, afterLow] = lines === 1 ? [' ', ' '] : lines === 2 ? ['\n', ' '] : ['\n', '\n'];
  return `${mean}${afterMean}[${signed(summary.low * scale, digits)},${afterLow}${signed(summary.high * scale, digits)}]`;
}

export interface ComparisonRow {
  configuration: string;
  n: string;
  deadAtInit: string;
  deadFinal: string;
  loss: string;
  accuracy: string;
  notes: string;
}

export const COMPARISON_HEADINGS: Record<keyof ComparisonRow, string> = {
  configuration: 'configuration',
  n: 'n',
  deadAtInit: 'Δ dead @init (pp)',
  deadFinal: 'Δ dead @end (pp)',
  loss: 'Δ loss',
  accuracy: 'Δ test acc (pp)',
  notes: 'notes',
};

/**
 * What the comparison table shows, in one line: the baseline, the sign convention, n, the test.
 * One baseline for every row is named by its label; a FIELD=VALUE baseline that differs by row
 * says how each row's is found.
 */
export function comparisonTitle(
  comparisons: readonly Comparison[],
  fallbackLabel: string,
  baseline?: Baseline | null,
): string {
  const labels = new Set(comparisons.map((comparison) => configurationLabel(comparison.baselineKey, fallbackLabel)));
  const against =
    labels.size === 1 || baseline?.kind !== 'field'
      ? `compared with ${[...labels][0]}`
      : `each compared with the ${baseline.path}=${String(baseline.value)} configuration that shares its other swept values`;
  return `${against}: configuration minus baseline over the n seeds both have; mean [95% CI], ${COMPARISON_TEST}; pp = percentage points`;
}

/** The cells of one comparison row, shared by the table and markdown; `lines` shapes the differences. */
export function comparisonRow(
  comparison: Comparison,
  fallbackLabel: string,
  lines: DifferenceLines = 1,
): ComparisonRow {
  const seeds = (list: readonly number[]) => list.join(' ');
  const notes = [
    comparison.unpairedSeeds.length > 0 ? `unpaired seeds dropped: ${seeds(comparison.unpairedSeeds)}` : '',
    comparison.divergedSeeds.length > 0 ? `diverged seeds excluded: ${seeds(comparison.divergedSeeds)}` : '',
  ].filter(Boolean);
  return {
    configuration: configurationLabel(comparison.key, fallbackLabel),
    n: String(comparison.seeds.length),
    deadAtInit: difference(comparison.deadAtInit, 100, 1, lines),
    deadFinal: difference(comparison.deadFinal, 100, 1, lines),
    loss: difference(comparison.loss, 1, 4, lines),
    accuracy: difference(comparison.testAccuracy, 100, 1, lines),
    notes: notes.join(lines === 1 ? '; ' : '\n'),
  };
}
