/**
 * Shared pieces of the human-readable views (terminal table, markdown): configuration labels,
 * percentages with confidence intervals, and a one-character-per-layer bar of dead fractions.
 */
import type { ConfigurationSummary } from '../../metrics/aggregate.js';
import type { Interval, Summary } from '../../metrics/statistics.js';
import { configurationLabel } from '../results/labels.js';

const BAR_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Past this many layers, neighbouring layers are averaged so the bar fits a terminal column. */
const MAX_BAR_WIDTH = 30;

/**
 * One character per layer, input side first: '·' for no dead units, then eight heights up to '█'
 * for a fully dead layer. Any nonzero fraction shows at least '▁', so a single dead unit is visible.
 */
export function deadBar(fractions: readonly number[]): string {
  const buckets = Math.min(fractions.length, MAX_BAR_WIDTH);
  let bar = '';
  for (let bucket = 0; bucket < buckets; bucket++) {
    const from = Math.floor((bucket * fractions.length) / buckets);
    const to = Math.floor(((bucket + 1) * fractions.length) / buckets);
    const slice = fractions.slice(from, to);
    const mean = slice.reduce((sum, value) => sum + value, 0) / slice.length;
    bar += mean <= 0 ? '·' : BAR_LEVELS[Math.min(BAR_LEVELS.length - 1, Math.ceil(mean * BAR_LEVELS.length) - 1)];
  }
  return bar;
}

export function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '–';
}

/**
 * "16.6% [14.7, 18.7]": the mean and its 95% interval, in percent. Shares get an interval that
 * stays inside [0, 100%] and need not be symmetric, so it is shown by its ends, not as "± x".
 * Just the mean for one seed.
 */
export function percentWithCi(summary: Summary): string {
  if (summary.n === 0) return '–';
  if (summary.low === null || summary.high === null) return percent(summary.mean);
  return `${percent(summary.mean)} [${(summary.low * 100).toFixed(1)}, ${(summary.high * 100).toFixed(1)}]`;
}

/** "0.4123 ± 0.0123": the mean and the half-width of its t-interval (symmetric, so ± says it all). */
export function decimal(summary: Summary): string {
  if (summary.n === 0) return '–';
  const digits = Math.abs(summary.mean) >= 100 ? 1 : 4;
  if (summary.low === null || summary.high === null) return summary.mean.toFixed(digits);
  return `${summary.mean.toFixed(digits)} ± ${((summary.high - summary.low) / 2).toFixed(digits)}`;
}

/** "1/10 born dead [1.8%, 40.4%]": a count of runs with the 95% Wilson interval of its share. */
export function runShare(count: number, runs: number, interval: Interval | null, what: string): string {
  const range = interval === null ? '' : ` [${percent(interval.low)}, ${percent(interval.high)}]`;
  return `${count}/${runs} ${what}${range}`;
}

export interface SummaryRow {
  configuration: string;
  runs: string;
  deadAtInit: string;
  deadFinal: string;
  layers: string;
  loss: string;
  accuracy: string;
  notes: string;
}

export const SUMMARY_HEADINGS: Record<keyof SummaryRow, string> = {
  configuration: 'configuration',
  runs: 'runs',
  deadAtInit: 'dead @init',
  deadFinal: 'dead @end (95% CI)',
  layers: 'dead per layer @end (in→out)',
  loss: 'loss',
  accuracy: 'test acc',
  notes: 'notes',
};

/** The cells of one summary row, shared by every human-readable format. */
export function summaryRow(configuration: ConfigurationSummary, fallbackLabel: string): SummaryRow {
  const runs = configuration.runIds.length;
  const notes = [
    configuration.collapsedAtInit > 0
      ? runShare(configuration.collapsedAtInit, runs, configuration.collapsedAtInitInterval, 'born dead')
      : '',
    configuration.diverged > 0 ? `${configuration.diverged}/${runs} diverged` : '',
  ].filter(Boolean);
  return {
    configuration: configurationLabel(configuration.key, fallbackLabel),
    runs: String(runs),
    deadAtInit: percentWithCi(configuration.deadAtInit),
    deadFinal: percentWithCi(configuration.deadFinal),
    layers: deadBar(configuration.layerDeadFinal),
    loss: decimal(configuration.loss),
    accuracy: configuration.testAccuracy.n > 0 ? percentWithCi(configuration.testAccuracy) : '–',
    notes: notes.join(', '),
  };
}
