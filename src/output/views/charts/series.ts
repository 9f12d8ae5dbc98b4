/**
 * What the charts draw, from finished runs: per configuration (runs that differ only in seed) the
 * mean over seeds of every epoch's dead fraction, loss and test accuracy with their 95% intervals,
 * and the layer × epoch grid of dead fractions. The intervals are the tables' own: logit-scale t for
 * shares, log-scale t for the loss, so no band leaves the range its quantity lives in. Pure functions; the terminal and HTML charts both read these.
 */
import { groupBySeedlessKey, type RunRecordLike } from '../../../metrics/aggregate.js';
import { positiveInterval, shareInterval } from '../../../metrics/intervals.js';
import { summarize, type IntervalRule, type Summary } from '../../../metrics/statistics.js';
import { configurationLabel } from '../../results/labels.js';

/** One epoch of a series: the mean over the seeds that reached it, and its 95% interval. */
export interface EpochPoint extends Summary {
  epoch: number;
}

export interface ConfigurationSeries {
  label: string;
  key: Record<string, unknown>;
  runs: number;
  /** Over all hidden units, epoch 0 (initialisation) to the last epoch any seed reached. */
  deadFraction: EpochPoint[];
  loss: EpochPoint[];
  /** Empty for regression (no accuracy). */
  testAccuracy: EpochPoint[];
  /** layers[l][e]: the mean over seeds of hidden layer l + 1's dead fraction at epoch e (NaN where no seed has one). */
  layers: number[][];
}

/** One series per configuration, in order of first appearance (as the summary table). */
export function configurationSeries(runs: readonly RunRecordLike[], fallbackLabel: string): ConfigurationSeries[] {
  return groupBySeedlessKey(runs).map(({ key, members }) => {
    const epochs = Math.max(...members.map((run) => run.epochs.length));
    const depth = Math.max(...members.map((run) => run.epochs[0]?.layers.length ?? 0));
    const over = (
      value: (epoch: RunRecordLike['epochs'][number]) => number | null,
      interval: IntervalRule,
    ): EpochPoint[] =>
      Array.from({ length: epochs }, (_, e) => ({
        epoch: e,
        ...summarize(
          members.map((run) => (run.epochs[e] ? (value(run.epochs[e]) ?? Number.NaN) : Number.NaN)),
          interval,
        ),
      }));
    const testAccuracy = over((epoch) => epoch.testAccuracy, shareInterval);
    return {
      label: configurationLabel(key, fallbackLabel),
      key,
      runs: members.length,
      deadFraction: over((epoch) => epoch.deadFraction, shareInterval),
      loss: over((epoch) => epoch.loss, positiveInterval),
      testAccuracy: testAccuracy.every((point) => point.n === 0) ? [] : testAccuracy,
      layers: Array.from({ length: depth }, (_, layer) =>
        Array.from({ length: epochs }, (_, e) =>
          mean(members.map((run) => run.epochs[e]?.layers[layer]?.deadFraction)),
        ),
      ),
    };
  });
}

/** The mean of the finite values; NaN when there are none. */
function mean(values: readonly (number | undefined)[]): number {
  const finite = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

/**
 * The configurations `filter` picks, for --config-filter: an exact label, else a row number from 1,
 * else every label containing it. A string says why it picks none.
 */
export function selectSeries<T extends { label: string }>(
  series: readonly T[],
  filter: string | undefined,
): T[] | string {
  if (filter === undefined) return [...series];
  const exact = series.filter((item) => item.label === filter);
  if (exact.length > 0) return exact;
  if (/^\d+$/.test(filter.trim())) {
    const row = Number(filter);
    if (row >= 1 && row <= series.length) return [series[row - 1]];
  }
  const containing = series.filter((item) => item.label.includes(filter));
  if (containing.length > 0) return containing;
  const listed = series
    .slice(0, 6)
    .map((item) => JSON.stringify(item.label))
    .join(', ');
  return `no configuration matches "${filter}"; give a label (${listed}${series.length > 6 ? ', ...' : ''}), part of one, or a row number from 1 to ${series.length}`;
}
