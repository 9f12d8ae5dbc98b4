/**
 * The one module that writes results. Every file is written atomically (temp file, then rename), so
 * an interrupted sweep leaves only complete files; each finished run is its own JSON record under
 * runs/, and the CSVs are rebuilt from those records.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { groupOverSeeds, summarizeRun, type ConfigurationSummary, type RunSummary } from '../../metrics/aggregate.js';
import { pairedComparisons, type Comparison } from '../../metrics/comparisons.js';
import { runConfigSchema, type ExperimentConfig } from '../../experiments/config/schema.js';
import { ConfigError, RunError } from '../../errors.js';
import type { Baseline } from '../../metrics/baseline.js';
import { labelledConfigurations, resolveBaseline } from './baseline.js';
import { comparisonsCsv, epochsCsv, metricsCsv, runsCsv, summaryCsv } from './csv.js';
import type { PlannedRun, RunResult } from '../../experiments/types.js';

export const FILES = {
  config: 'config.resolved.json',
  manifest: 'manifest.json',
  runs: 'runs',
  metrics: 'metrics.csv',
  epochs: 'epochs.csv',
  runsTable: 'runs.csv',
  summary: 'summary.csv',
  comparisons: 'comparisons.csv',
} as const;

/** Writes `text` to `path` so that readers see the old file or the whole new one, never a part. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // There was never a temp file (its folder could not be made): nothing to clean.
    }
    // A full disk or a read-only folder: say which file, in one line, and let the caller say how to go on.
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOSPC' ? 'no space left on device' : code === 'EACCES' || code === 'EROFS' ? 'not writable' : (error as Error).message;
    throw new RunError(`${path}: cannot write (${reason})`);
  }
}

/**
 * JSON has no NaN or Infinity (JSON.stringify writes null), yet a diverged run's loss is NaN and
 * must read back as NaN so that merged and resumed folders match uninterrupted ones.
 */
const NON_FINITE_KEY = '$nonFinite';

function encodeNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE_KEY]: String(value) } : value;
}

function decodeNonFinite(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && NON_FINITE_KEY in value && Object.keys(value).length === 1) {
    return Number((value as Record<string, string>)[NON_FINITE_KEY]);
  }
  return value;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, encodeNonFinite, 2)}\n`;
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text, decodeNonFinite) as T;
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, toJson(value));
}

/**
 * Checks that `folder` was written by `dead-neurons run`; `shownAs` is how the user named it
 * ("results/x", "--resume results/x"). A wrong folder is bad input: exit 2.
 */
export function requireResultsFolder(folder: string, shownAs: string): void {
  for (const file of [FILES.config, FILES.manifest]) {
    if (!existsSync(join(folder, file))) throw new ConfigError([`${shownAs}: not a dead-neurons results folder (no ${file})`]);
  }
}

/** Refuses to write into a folder that already holds something: results are never mixed. */
export function requireEmptyFolder(folder: string, shownAs: string, alternative = 'choose another'): void {
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new ConfigError([`${shownAs}: folder exists and is not empty; ${alternative}`]);
  }
}

/** `results/<name>/<UTC time>/`, with a time safe in file names on every system. */
export function defaultResultsDir(root: string, name: string, now: Date): string {
  return join(root, name, now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}

export function runRecordPath(dir: string, runId: string): string {
  return join(dir, FILES.runs, `${runId}.json`);
}

export function writeRunRecord(dir: string, result: RunResult): void {
  writeJsonAtomic(runRecordPath(dir, result.runId), result);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every complete run record in a results folder, in plan order. */
export function readRunRecords(dir: string): RunResult[] {
  const runsDir = join(dir, FILES.runs);
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const path = join(runsDir, file);
      const record = readJson<unknown>(path);
      // Valid JSON that is not a record (null, [], {}) would otherwise crash the sort or be skipped silently.
      if (!isObject(record) || typeof record.runId !== 'string' || typeof record.index !== 'number' || !Array.isArray(record.epochs)) {
        throw new ConfigError([`${path}: not a run record (no runId, index or epochs)`]);
      }
      return record as unknown as RunResult;
    })
    .sort((a, b) => a.index - b.index);
}

/** The plan and the finished runs of the results folder `folder` (shown as `shownAs`); a folder with none is an error. */
export function readFinishedResults(folder: string, shownAs: string): { resolved: ResolvedConfigFile; results: RunResult[] } {
  requireResultsFolder(folder, shownAs);
  const resolved = readResolvedConfig(folder, true);
  const results = readRunRecords(folder);
  if (results.length === 0) throw new ConfigError([`${shownAs}: no finished runs yet`]);
  return { resolved, results };
}

export function readJson<T>(path: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`${path}: cannot read (is this a dead-neurons results folder?)`]);
  }
  try {
    return parseJson<T>(text);
  } catch (error) {
    throw new ConfigError([`${path}: not valid JSON (${(error as Error).message})`]);
  }
}

/** What every view and CSV of a results folder is built from: its runs summarised, by run and by configuration. */
export interface ReportData {
  name: string;
  sweptPaths: string[];
  configurations: ConfigurationSummary[];
  /** What the comparisons are against; null when the runs hold none of it (a shard without it, say). */
  baseline: Baseline | null;
  /** Paired comparisons with the baseline; empty when there is nothing to compare. */
  comparisons: Comparison[];
  runs: RunSummary[];
}

/**
 * The summaries every view and CSV is built from. Comparisons are with `baseline`, the one the
 * folder's config.resolved.json records (undefined in folders made before it did: the first
 * configuration), so comparisons.csv follows from the plan and the run records alone, like every
 * other CSV, and resumed, merged and re-checked folders agree. A baseline the runs do not hold (a
 * shard without it) leaves nothing to compare. `report --baseline` changes what is
 * printed (views/formats.ts withBaseline).
 */
export function reportData(name: string, sweptPaths: string[], results: readonly RunResult[], baseline?: string | null): ReportData {
  const runs = results.map(summarizeRun);
  const resolved = resolveBaseline(labelledConfigurations(runs, name), baseline);
  const found = typeof resolved === 'string' ? null : resolved;
  return {
    name, sweptPaths, runs, configurations: groupOverSeeds(runs), baseline: found, comparisons: found === null ? [] : pairedComparisons(runs, found),
  };
}

/** The CSVs as the run records give them, by file name: what is written, and what `reproduce` checks. */
export function aggregateCsvs(report: ReportData, results: readonly RunResult[]): Record<string, string> {
  return {
    [FILES.metrics]: metricsCsv(results),
    [FILES.epochs]: epochsCsv(results),
    [FILES.runsTable]: runsCsv(report.runs, report.sweptPaths),
    [FILES.summary]: summaryCsv(report.configurations, report.sweptPaths),
    [FILES.comparisons]: comparisonsCsv(report.comparisons, report.sweptPaths, report.name),
  };
}

/** Rebuilds the CSVs from the run records. */
export function writeAggregates(dir: string, report: ReportData, results: readonly RunResult[]): void {
  for (const [file, text] of Object.entries(aggregateCsvs(report, results))) writeFileAtomic(join(dir, file), text);
}

/**
 * config.resolved.json: the experiment after defaults and flags, and every run it expands to.
 * Folders made before baselines were recorded have no `baseline` (their comparisons are with the first configuration).
 */
export interface ResolvedConfigFile extends Omit<ExperimentConfig, 'baseline'> {
  baseline?: ExperimentConfig['baseline'];
  runs: PlannedRun[];
}

export function writeResolvedConfig(dir: string, config: ExperimentConfig, plan: readonly PlannedRun[]): void {
  writeJsonAtomic(join(dir, FILES.config), { ...config, runs: plan });
}

/** config.resolved.json's `source` in a folder of deadUnitsCallback (src/inspect/callback-folder.ts): a user's own training. */
export const OWN_TRAINING_SOURCE = 'deadUnitsCallback';

/**
 * Reads back the plan a results folder was made from, checking every run against the schema. A
 * folder of a user's own training has no config to check or train again: only readers of finished
 * results (`ownTraining`) take it.
 */
export function readResolvedConfig(dir: string, ownTraining = false): ResolvedConfigFile {
  const path = join(dir, FILES.config);
  const file = readJson<ResolvedConfigFile | null>(path);
  if (!isObject(file) || !Array.isArray(file.runs)) throw new ConfigError([`${path}: has no runs list`]);
  if ((file as { source?: unknown }).source === OWN_TRAINING_SOURCE) {
    if (ownTraining) return file;
    throw new ConfigError([`${dir}: the measurements of your own training (deadUnitsCallback); report and compare read it, there is no config to train again`]);
  }
  for (const [i, run] of file.runs.entries()) {
    if (!isObject(run) || typeof run.runId !== 'string') throw new ConfigError([`${path}: runs[${i}] is not a planned run (no runId)`]);
    const parsed = runConfigSchema.safeParse(run.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError([`${path}: run ${run.runId}: ${issue.path.join('.')}: ${issue.message}`]);
    }
    run.config = parsed.data;
  }
  return file;
}
