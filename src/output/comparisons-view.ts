/**
 * The human-readable side of paired comparisons (terminal table, markdown): which baseline
 * `--baseline` names, the title that names it and the test, and the cells of one comparison row.
 */
import { isConfigPath } from '../experiments/config/paths.js';
import { groupBySeedlessKey } from '../metrics/aggregate.js';
import { sameValue, splitFieldValue, type Baseline } from '../metrics/baseline.js';
import type { Comparison } from '../metrics/comparisons.js';
import type { Summary } from '../metrics/statistics.js';
import { configurationLabel } from './view.js';

/** Said wherever comparisons are shown (title, comparisons.csv), so a reader knows which interval they are looking at. */
export const COMPARISON_TEST = 'paired t on per-seed differences (atanh scale for shares)';

/** The labels of the configurations that runs (finished or planned) form, in the summary's order. */
export function configurationLabels(runs: readonly { swept: Record<string, unknown> }[], fallbackLabel: string): string[] {
  return groupBySeedlessKey(runs).map((group) => configurationLabel(group.key, fallbackLabel));
}

/** Labels listed in a --baseline error before "...": enough to see the spelling, short enough for one line. */
const LISTED_LABELS = 6;

/** A configuration as --baseline sees it: its swept values (seed aside) and its label. */
export interface LabelledConfiguration {
  key: Record<string, unknown>;
  label: string;
}

/** The configurations that runs (finished or planned) form, with their labels, in the summary's order. */
export function labelledConfigurations(runs: readonly { swept: Record<string, unknown> }[], fallbackLabel: string): LabelledConfiguration[] {
  return groupBySeedlessKey(runs).map((group) => ({ key: group.key, label: configurationLabel(group.key, fallbackLabel) }));
}

/**
 * The baseline `wanted` names among `configurations`: an exact label or a row number from 1 (one
 * configuration for all), or FIELD=VALUE with a swept field (each configuration's own: the one with
 * that value and its other swept values). Nothing given: the first configuration, as folders made
 * before baselines were recorded had it. A string says why `wanted` names none.
 */
export function resolveBaseline(configurations: readonly LabelledConfiguration[], wanted: string | null | undefined): Baseline | string {
  if (wanted === undefined || wanted === null) return { kind: 'configuration', index: 0 };
  const labels = configurations.map((configuration) => configuration.label);
  const byLabel = labels.indexOf(wanted);
  if (byLabel >= 0) return { kind: 'configuration', index: byLabel };
  const swept = [...new Set(configurations.flatMap((configuration) => Object.keys(configuration.key)))];
  const field = splitFieldValue(wanted);
  if (field !== null && (swept.includes(field.path) || isConfigPath(field.path))) {
    if (!swept.includes(field.path)) return `${field.path} is not swept${swept.length > 0 ? ` (swept: ${swept.join(', ')})` : ''}`;
    const values = [...new Set(configurations.map((configuration) => configuration.key[field.path]).filter((value) => value !== null && value !== undefined))];
    const value = values.find((candidate) => sameValue(field.value, candidate));
    if (value === undefined) return `no configuration has ${field.path}=${field.value} (its values: ${values.map(String).join(', ')})`;
    return { kind: 'field', path: field.path, value };
  }
  const row = Number(wanted);
  if (/^\d+$/.test(wanted.trim()) && row >= 1 && row <= labels.length) return { kind: 'configuration', index: row - 1 };
  const listed = labels.slice(0, LISTED_LABELS).map((label) => JSON.stringify(label)).join(', ');
  const more = labels.length > LISTED_LABELS ? ', ...' : '';
  const first = configurations.find((configuration) => swept.some((path) => configuration.key[path] !== null));
  const path = swept[0];
  const example = path === undefined || first === undefined ? '' : `${path}=${String(first.key[path])} (each with its own), `;
  return `no configuration "${wanted}"; give FIELD=VALUE, e.g. ${example}a label (${listed}${more}) or a row number from 1 to ${labels.length}`;
}

/** How a baseline is recorded (config.resolved.json) and shown: FIELD=VALUE, or the one configuration's label. */
export function baselineText(baseline: Baseline, configurations: readonly LabelledConfiguration[]): string {
  return baseline.kind === 'field' ? `${baseline.path}=${String(baseline.value)}` : configurations[baseline.index].label;
}

/** "+3.1" / "-0.0300": a difference with its sign, so the direction reads at a glance. */
function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits); // no "-0.0" or "+0.0" for what rounds to zero
  return value > 0 ? `+${text}` : text;
}

/** A difference and its interval: "-21.0 [-26.0, -16.0]"; the mean alone for one pair; '–' for none. */
export function difference(summary: Summary, scale: number, digits: number): string {
  if (summary.n === 0) return '–';
  const mean = signed(summary.mean * scale, digits);
  if (summary.low === null || summary.high === null) return mean;
  return `${mean} [${signed(summary.low * scale, digits)}, ${signed(summary.high * scale, digits)}]`;
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
export function comparisonTitle(comparisons: readonly Comparison[], fallbackLabel: string, baseline?: Baseline | null): string {
  const labels = new Set(comparisons.map((comparison) => configurationLabel(comparison.baselineKey, fallbackLabel)));
  const against =
    labels.size === 1 || baseline?.kind !== 'field'
      ? `compared with ${[...labels][0]}`
      : `each compared with the ${baseline.path}=${String(baseline.value)} configuration that shares its other swept values`;
  return `${against}: configuration minus baseline over the n seeds both have; mean [95% CI], ${COMPARISON_TEST}; pp = percentage points`;
}

/** The cells of one comparison row, shared by the table and markdown. */
export function comparisonRow(comparison: Comparison, fallbackLabel: string): ComparisonRow {
  const seeds = (list: readonly number[]) => list.join(' ');
  const notes = [
    comparison.unpairedSeeds.length > 0 ? `unpaired seeds dropped: ${seeds(comparison.unpairedSeeds)}` : '',
    comparison.divergedSeeds.length > 0 ? `diverged seeds excluded: ${seeds(comparison.divergedSeeds)}` : '',
  ].filter(Boolean);
  return {
    configuration: configurationLabel(comparison.key, fallbackLabel),
    n: String(comparison.seeds.length),
    deadAtInit: difference(comparison.deadAtInit, 100, 1),
    deadFinal: difference(comparison.deadFinal, 100, 1),
    loss: difference(comparison.loss, 1, 4),
    accuracy: difference(comparison.testAccuracy, 100, 1),
    notes: notes.join('; '),
  };
}
