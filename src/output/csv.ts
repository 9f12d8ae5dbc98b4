/**
 * The CSV files of a results folder, as pure functions from records to text. Numbers are written
 * with 8 significant digits (enough to round-trip float32), so the same run gives the same bytes.
 */
import type { ConfigurationSummary, RunSummary } from '../metrics/aggregate.js';
import type { Summary } from '../metrics/statistics.js';
import type { RunResult } from '../experiments/types.js';

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

/** One row per run. `seconds` is the only column that differs between identical runs. */
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

/** One row per configuration: mean, std and 95% CI half-width over seeds. */
export function summaryCsv(configurations: readonly ConfigurationSummary[], sweptPaths: readonly string[]): string {
  const columns = sweptPaths.filter((path) => path !== 'seed');
  const header = [
    ...columns, 'runs', 'seeds',
    ...STAT_FIELDS.flatMap((field) => [`${field}_mean`, `${field}_std`, `${field}_ci95`]),
    'collapsed_at_init', 'diverged',
  ];
  const rows = configurations.map((configuration) => {
    const stats: Summary[] = [
      configuration.deadAtInit, configuration.deadFinal, configuration.loss, configuration.trainAccuracy,
      configuration.testAccuracy,
    ];
    return [
      ...columns.map((path) => configuration.key[path] as Cell), configuration.runIds.length,
      configuration.seeds.join(' '),
      ...stats.flatMap((stat) => (stat.n === 0 ? [null, null, null] : [stat.mean, stat.std, stat.ci95])),
      configuration.collapsedAtInit, configuration.diverged,
    ];
  });
  return toCsv(header, rows);
}
