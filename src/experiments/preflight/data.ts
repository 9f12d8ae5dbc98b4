/**
 * The datasets of a plan, each distinct dataset config looked at once: real ones (mnist, iris, csv)
 * loaded in full, so bad data is found before anything is written; synthetic ones drawn at 10
 * examples, which gives their shape without allocating the full set (they cannot hold bad data).
 */
import { canonicalJson } from '../config/canonical-json.js';
import { ALL_ROWS_KINDS } from '../config/schema.js';
import { loadDataset } from '../datasets/index.js';
import { splitSizes } from '../datasets/split.js';
import { syntheticSamples, type Dataset, type DatasetConfig } from '../datasets/types.js';
import type { PlannedRun } from '../types.js';
import type { DataShape } from './memory.js';

/** What a run will train on, without the arrays. */
export interface DataSummary extends DataShape {
  config: DatasetConfig;
  /** Real datasets: rows there were to choose from. */
  rowsAvailable: number | null;
  columns: Dataset['columns'] | null;
}

/** Runs grouped by dataset config, in plan order; each group's first seed stands for all (seeds only reorder the split). */
export function datasetGroups(
  runs: readonly PlannedRun[],
): { config: DatasetConfig; seed: number; runs: PlannedRun[] }[] {
  const groups = new Map<string, { config: DatasetConfig; seed: number; runs: PlannedRun[] }>();
  for (const run of runs) {
    const key = canonicalJson(run.config.dataset);
    const group = groups.get(key) ?? { config: run.config.dataset, seed: run.config.seed, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Loads (real) or samples (synthetic) one dataset config; throws the loader's ConfigError on bad data. */
export function inspectDataset(config: DatasetConfig, seed: number, baseDir: string): DataSummary {
  if (ALL_ROWS_KINDS.includes(config.kind)) {
    const dataset = loadDataset(config, seed, baseDir);
    const { task, inputDim, outputDim } = dataset;
    return {
      config,
      task,
      inputDim,
      outputDim,
      train: dataset.train.n,
      test: dataset.test.n,
      rowsAvailable: dataset.rowsAvailable ?? null,
      columns: dataset.columns ?? null,
    };
  }
  const { task, inputDim, outputDim } = loadDataset({ ...config, samples: 10 }, seed, baseDir);
  const sizes = splitSizes(syntheticSamples(config), null, config.testFraction);
  return { config, task, inputDim, outputDim, ...sizes, rowsAvailable: null, columns: null };
}

const count = (n: number) => n.toLocaleString('en-US');

/** Lists at most `max` names, then how many more. */
function names(list: readonly string[], max = 8): string {
  const shown = list.slice(0, max).join(', ');
  return list.length > max ? `${shown}, … ${list.length - max} more` : shown;
}

/** "mnist 8,000 train / 2,000 test, 784 features, 10 classes" */
export function describeData(data: DataSummary): string {
  const name = data.config.kind === 'csv' ? `csv ${data.config.path}` : data.config.kind;
  const used = data.train + data.test;
  const of =
    data.rowsAvailable !== null && used < data.rowsAvailable
      ? ` (${count(used)} of ${count(data.rowsAvailable)} rows)`
      : '';
  // Without a header line the names are the column indices: listing them says nothing.
  const numbered = data.config.kind === 'csv' && data.config.header === false;
  const listed = data.columns && !numbered ? ` (${names(data.columns.features)})` : '';
  const features = `${count(data.inputDim)} feature${data.inputDim === 1 ? '' : 's'}${listed}`;
  const column = !data.columns ? '' : numbered ? ` column ${data.columns.target}` : ` "${data.columns.target}"`;
  const task =
    data.task === 'classification'
      ? `${count(data.outputDim)} classes${column && ` in${column}`}`
      : `regression${column && ` on${column}`}`;
  return `${name} ${count(data.train)} train / ${count(data.test)} test${of}, ${features}, ${task}`;
}

/** One "data: ..." line per distinct description, for the run header and `validate`. */
export function dataLines(data: readonly DataSummary[]): string[] {
  return [...new Set(data.map((summary) => `data: ${describeData(summary)}`))];
}
