/**
 * The CSV files of a results folder, as pure functions from records to text. Numbers are written
 * with 8 significant digits (enough to round-trip float32), so the same run gives the same bytes.
 */
import type { ConfigurationSummary, RunSummary } from '../../metrics/aggregate.js';
import type { Comparison } from '../../metrics/comparisons.js';
import type { Summary } from '../../metrics/statistics.js';
import type { RunResult } from '../../experiments/types.js';
import { COMPARISON_TEST, configurationLabel } from './labels.js';

export type Cell = string | number | boolean | null | undefined;

/** One cell: empty for null, fixed precision for numbers, quoted when it holds a comma, quote or newline. */
export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    return String(Number(value.toPrecision(8)));
  }
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(formatCell).join(',')).join('\n') + '\n';
}

export const METRICS_HEADER = [
  'run_id', 'epoch', 'layer', 'units', 'dead_units', 'dead_fraction', 'near_dead_units', 'near_dead_fraction',
  'active_rate', 'revived', 'newly_dead', 'grad_norm',
] as const;

/** Long format: one row per run, epoch and hidden layer. */
export function metricsCsv(runs: readonly RunResult[]): string {
  const rows = runs.flatMap((run) =>
    run.epochs.flatMap((epoch) =>
      epoch.layers.map((layer) => [
        run.runId, epoch.epoch, layer.layer, layer.units, layer.deadUnits, layer.deadFraction, layer.nearDeadUnits,
        layer.nearDeadFraction, layer.activeRate, layer.revived, layer.newlyDead, layer.gradNorm,
      ]),
    ),
  );
  return toCsv(METRICS_HEADER, rows);
}

/** One row per run and epoch: loss, accuracies and the whole network's dead fraction. */
export function epochsCsv(runs: readonly RunResult[]): string {
  const header = ['run_id', 'epoch', 'loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'dead_fraction', 'collapsed'];
  const rows = runs.flatMap((run) =>
    run.epochs.map((epoch) => [
      run.runId, epoch.epoch, epoch.loss, epoch.trainAccuracy, epoch.testLoss, epoch.testAccuracy, epoch.deadFraction,
      epoch.collapsed,
    ]),
  );
  return toCsv(header, rows);
}

/** Swept paths as columns, with seed always present exactly once. */
function sweptColumns(sweptPaths: readonly string[]): string[] {
  return [...sweptPaths.filter((path) => path !== 'seed'), 'seed'];
}

/** Columns that differ between identical runs (wall time): left out when CSVs are compared. */
export const TIMING_COLUMNS: readonly string[] = ['seconds'];

/**
 * One row per run. `status` is ok, unstable (final training loss more than 5% above the initial one) or
 * diverged. `seconds` is the only column that differs between identical runs.
 */
export function runsCsv(runs: readonly RunSummary[], sweptPaths: readonly string[]): string {
  const columns = sweptColumns(sweptPaths);
  const header = [
    'run_id', ...columns, 'status', 'diverged_at_epoch', 'collapsed_at_init', 'dead_fraction_init', 'dead_fraction_final',
    'loss', 'train_accuracy', 'test_accuracy', 'seconds',
  ];
  const rows = runs.map((run) => [
    run.runId, ...columns.map((path) => (path === 'seed' ? run.seed : (run.swept[path] as Cell))), run.status,
    run.divergedAtEpoch, run.collapsedAtInit, run.deadAtInit, run.deadFinal, run.loss, run.trainAccuracy,
    run.testAccuracy, run.seconds,
  ]);
  return toCsv(header, rows);
}

const STAT_FIELDS = ['dead_fraction_init', 'dead_fraction_final', 'loss', 'train_accuracy', 'test_accuracy'] as const;

/** The summaries of one configuration or comparison, in STAT_FIELDS order. */
function statsInOrder(stats: Pick<ConfigurationSummary, 'deadAtInit' | 'deadFinal' | 'loss' | 'trainAccuracy' | 'testAccuracy'>): Summary[] {
  return [stats.deadAtInit, stats.deadFinal, stats.loss, stats.trainAccuracy, stats.testAccuracy];
}

/** Mean, std and the interval's ends; four empty cells for a statistic with no values. */
const statCells = (stat: Summary): Cell[] => (stat.n === 0 ? [null, null, null, null] : [stat.mean, stat.std, stat.low, stat.high]);

/**
 * One row per configuration: mean, std and 95% interval (low, high) over seeds; shares (dead
 * fractions, accuracies) on the logit scale, the loss on the log scale (metrics/intervals.ts). Born-dead runs are counted,
 * with the 95% Wilson interval of their share of the runs; diverged and unstable runs (final loss
 * more than 5% above the initial one) are counted.
 */
export function summaryCsv(configurations: readonly ConfigurationSummary[], sweptPaths: readonly string[]): string {
  const columns = sweptPaths.filter((path) => path !== 'seed');
  const header = [
    ...columns, 'runs', 'seeds',
    ...STAT_FIELDS.flatMap((field) => [`${field}_mean`, `${field}_std`, `${field}_low`, `${field}_high`]),
    'collapsed_at_init', 'collapsed_at_init_share_low', 'collapsed_at_init_share_high', 'diverged', 'unstable',
  ];
  const rows = configurations.map((configuration) => [
    ...columns.map((path) => configuration.key[path] as Cell), configuration.runIds.length, configuration.seeds.join(' '),
    ...statsInOrder(configuration).flatMap(statCells),
    configuration.collapsedAtInit, configuration.collapsedAtInitInterval?.low, configuration.collapsedAtInitInterval?.high,
    configuration.diverged, configuration.unstable,
  ]);
  return toCsv(header, rows);
}

/**
 * One row per configuration compared with the baseline (named by its label): the seeds paired,
 * dropped and excluded, and per statistic the mean, std and 95% paired t-interval of the per-seed
 * differences (configuration minus baseline; on the atanh scale for shares). The `interval` column
 * names the method. Only the header when there is nothing to compare.
 */
export function comparisonsCsv(comparisons: readonly Comparison[], sweptPaths: readonly string[], name: string): string {
  const columns = sweptPaths.filter((path) => path !== 'seed');
  const header = [
    ...columns, 'baseline', 'n', 'seeds', 'unpaired_seeds', 'diverged_seeds',
    ...STAT_FIELDS.flatMap((field) => [`${field}_diff_mean`, `${field}_diff_std`, `${field}_diff_low`, `${field}_diff_high`]),
    'interval',
  ];
  const rows = comparisons.map((comparison) => [
    ...columns.map((path) => comparison.key[path] as Cell), configurationLabel(comparison.baselineKey, name),
    comparison.seeds.length, comparison.seeds.join(' '), comparison.unpairedSeeds.join(' '), comparison.divergedSeeds.join(' '),
    ...statsInOrder(comparison).flatMap(statCells), COMPARISON_TEST,
  ]);
  return toCsv(header, rows);
}
