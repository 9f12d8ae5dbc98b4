/**
 * Shared pieces of the human-readable views (terminal table, markdown): configuration labels,
 * percentages with confidence intervals, and a one-character-per-layer bar of dead fractions.
 */
import type { ConfigurationSummary } from '../../metrics/aggregate.js';
import type { Interval, Summary } from '../../metrics/statistics.js';
import { configurationLabel } from '../results/labels.js';

const BAR_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Past this many layers, neighbouring layers are averaged so the bar fits a terminal column. */
export const MAX_BAR_WIDTH = 30;

/**
 * One character per layer, input side first: '·' for no dead units, then eight heights up to '█'
 * for a fully dead layer. Any nonzero fraction shows at least '▁', so a single dead unit is visible.
 */
export function deadBar(fractions: readonly number[], width = MAX_BAR_WIDTH): string {
  const buckets = Math.min(fractions.length, Math.max(1, width));
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
 * Just the mean for one seed. `separator` goes between the mean and its interval, `inner` between
 * the interval's ends ("\n" stacks them in a narrow table cell).
 */
export function percentWithCi(summary: Summary, separator = ' ', inner = ' '): string {
  if (summary.n === 0) return '–';
  if (summary.low === null || summary.high === null) return percent(summary.mean);
  return `${percent(summary.mean)}${separator}[${(summary.low * 100).toFixed(1)},${inner}${(summary.high * 100).toFixed(1)}]`;
}

/**
 * "0.4123 [0.3980, 0.4271]": the mean loss and its 95% interval, by its ends like a share's: the
 * loss's interval is built on the log scale and is longer upwards (metrics/intervals.ts).
 * `separator` goes between the mean and the interval, `inner` between the interval's ends.
 */
export function decimal(summary: Summary, separator = ' ', inner = ' '): string {
  if (summary.n === 0) return '–';
  const digits = Math.abs(summary.mean) >= 100 ? 1 : 4;
  if (summary.low === null || summary.high === null) return summary.mean.toFixed(digits);
  return `${summary.mean.toFixed(digits)}${separator}[${summary.low.toFixed(digits)},${inner}${summary.high.toFixed(digits)}]`;
}

/** "1/10 born dead [1.8%, 40.4%]": a count of runs with the 95% Wilson interval of its share. */
export function runShare(
  count: number,
  runs: number,
  interval: Interval | null,
  what: string,
  separator = ' ',
): string {
  const range = interval === null ? '' : `${separator}[${percent(interval.low)}, ${percent(interval.high)}]`;
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

/** How a narrow table shapes a row's cells; left out, every cell is one line and the bar full length. */
export interface CellShape {
  /** Each interval on the line under its mean, each note on its own line. */
  stacked?: boolean;
  /** Each interval's ends on lines of their own too (the narrowest layouts). */
  splitIntervals?: boolean;
  /** Characters of the per-layer bar. */
  barWidth?: number;
}

/** The cells of one summary row, shared by every human-readable format. */
export function summaryRow(
  configuration: ConfigurationSummary,
  fallbackLabel: string,
  shape: CellShape = {},
): SummaryRow {
  const runs = configuration.runIds.length;
  const separator = shape.stacked ? '\n' : ' ';
  const inner = shape.splitIntervals ? '\n' : ' ';
  const notes = [
    configuration.collapsedAtInit > 0
      ? runShare(configuration.collapsedAtInit, runs, configuration.collapsedAtInitInterval, 'born dead', separator)
      : '',
    configuration.diverged > 0 ? `${configuration.diverged}/${runs} diverged` : '',
    configuration.unstable > 0 ? `${configuration.unstable}/${runs} unstable` : '',
  ].filter(Boolean);
  return {
    configuration: configurationLabel(configuration.key, fallbackLabel),
    runs: String(runs),
    deadAtInit: percentWithCi(configuration.deadAtInit, separator, inner),
    deadFinal: percentWithCi(configuration.deadFinal, separator, inner),
    layers: deadBar(configuration.layerDeadFinal, shape.barWidth),
    loss: decimal(configuration.loss, separator, inner),
    accuracy: configuration.testAccuracy.n > 0 ? percentWithCi(configuration.testAccuracy, separator, inner) : '–',
    notes: notes.join(shape.stacked ? '\n' : ', '),
  };
}
