/**
 * What `dead-neurons reproduce` does once its flags are parsed: check that the folder's CSVs say
 * what its run records say, re-run the stored plan (or some runs of it) and compare every metric
 * with the stored records. Loaded only when invoked (TF.js).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { describeBackend, useBackend } from '../../experiments/backend/load.js';
import type { ConcreteBackend } from '../../experiments/config/tables.js';
import { RunError } from '../../errors.js';
import { runSweep } from '../../experiments/execution/sweep-runner.js';
import type { RunResult } from '../../experiments/types.js';
import { csvCheckProblems } from '../../output/reproduce/csv-check.js';
import { formatCell, TIMING_COLUMNS } from '../../output/results/csv.js';
import type { Manifest } from '../../output/results/manifest.js';
import {
  crossBackendVerdict,
  FAMILY_ALPHA,
  INIT_TOLERANCE,
  METRIC_NAMES,
  type CrossBackendVerdict,
} from '../../output/reproduce/cross-backend.js';
import { compareRuns, type Difference } from '../../output/reproduce/compare-runs.js';
import { configurationLabel } from '../../output/results/labels.js';
import {
  aggregateCsvs,
  FILES,
  readJson,
  readResolvedConfig,
  readRunRecords,
  reportData,
  requireResultsFolder,
  type ResolvedConfigFile,
} from '../../output/results/folder.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';
import { createProgress } from '../views/progress.js';

const STATISTICAL_METHOD =
  `another backend: epoch 0 within ${INIT_TOLERANCE}; final metrics per configuration by a paired t-test on ` +
  `per-run differences, Bonferroni-corrected to a family-wise ${FAMILY_ALPHA * 100}% false-alarm rate`;
const SHOWN_DIFFERENCES = 20;

export interface ReproduceRequest {
  runs?: string;
  tolerance?: number;
  backend?: ConcreteBackend;
  jobs: number;
  quiet: boolean;
}

function differenceTable(differences: readonly Difference[]): string {
  const table = new Table({
    head: ['run', 'epoch', 'layer', 'metric', 'stored', 'reproduced'],
    style: { head: [], border: [] },
  });
  for (const difference of differences.slice(0, SHOWN_DIFFERENCES)) {
    const cell = (value: unknown) => (value === undefined ? '(missing)' : formatCell(value as never) || 'null');
    table.push([
      difference.runId,
      difference.epoch ?? '',
      difference.layer ?? '',
      difference.metric,
      cell(difference.stored),
      cell(difference.reproduced),
    ]);
  }
  const more = differences.length > SHOWN_DIFFERENCES ? `... and ${differences.length - SHOWN_DIFFERENCES} more\n` : '';
  return `${table.toString()}\n${more}`;
}

/**
 * One line per CSV of the folder that is missing or says something its run records do not (timing
 * columns aside), each naming the file as `dir/<file>`.
 */
function csvProblems(folder: string, dir: string, plan: ResolvedConfigFile, records: readonly RunResult[]): string[] {
  const expected = aggregateCsvs(reportData(plan.name, Object.keys(plan.sweep), records, plan.baseline), records);
  const stored = Object.fromEntries(
    Object.keys(expected).map((file) => {
      const path = join(folder, file);
      return [file, existsSync(path) ? readFileSync(path, 'utf8') : undefined];
    }),
  );
  return csvCheckProblems(stored, expected, TIMING_COLUMNS, (file) => join(dir, file));
}

export async function reproduceResults(io: CliIo, dir: string, options: ReproduceRequest): Promise<void> {
  const folder = resolve(io.cwd, dir);
  requireResultsFolder(folder, dir);
  const plan = readResolvedConfig(folder);
  const manifest = readJson<Manifest>(join(folder, FILES.manifest));
  const stored = new Map(readRunRecords(folder).map((result) => [result.runId, result]));

  const wanted = options.runs?.split(',').map((id) => id.trim()) ?? [...stored.keys()];
  const unknown = wanted.filter((id) => !stored.has(id));
  if (unknown.length > 0) throw new UsageError(`--runs: no stored run ${unknown.join(', ')} in ${dir}`);
  if (wanted.length === 0) throw new RunError(`${dir}: no finished runs to reproduce`);

  // Cheap, so first, and printed at once. A bad CSV does not stop the re-run: the re-run compares
  // with runs/*.json, not with the CSVs, so it still answers its own question, and one CI run
  // then shows every problem instead of revealing them one fix at a time.
  const badCsvs = csvProblems(folder, dir, plan, [...stored.values()]);
  for (const problem of badCsvs) io.stderr(`dead-neurons: ${problem}\n`);
  const alsoCsvs = badCsvs.length === 0 ? '' : `; ${badCsvs.length} CSV file(s) also do not match runs/*.json`;

  const onBackend = plan.runs.map((run) =>
    options.backend ? { ...run, config: { ...run.config, backend: options.backend } } : run,
  );
  const runs = onBackend.filter((run) => wanted.includes(run.runId));
  const crossBackend = runs.some((run) => run.config.backend !== stored.get(run.runId)!.backend);
  // Across backends, without an explicit tolerance, the promise is statistical (cross-backend.ts).
  const statistical = crossBackend && options.tolerance === undefined;
  const tolerance = options.tolerance ?? 0;
  const backend = await useBackend(runs[0].config.backend);
  if (!options.quiet) {
    const method = statistical ? STATISTICAL_METHOD : tolerance === 0 ? 'exact' : `tolerance ${tolerance}`;
    io.stderr(`reproducing ${runs.length} run(s) on ${describeBackend(backend)}; ${method}\n`);
  }

  const progress = createProgress(io, runs.length, runs, !options.quiet);
  let completed = 0;
  const results = await runSweep(runs, {
    baseDir: resolve(folder, manifest.configDir),
    jobs: options.jobs,
    // Each run's pack re-formed as it was recorded: its numbers depend on it in the last bits.
    plan: onBackend,
    onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
    onRunDone: (result) =>
      progress.runDone(
        ++completed,
        runs.find((run) => run.runId === result.runId),
      ),
  }).finally(() => progress.done());

  if (statistical)
    return reportStatistical(io, dir, crossBackendVerdict([...stored.values()], results), badCsvs.length, alsoCsvs);
  const differences = results.flatMap((result) => compareRuns(stored.get(result.runId)!, result, tolerance));
  if (differences.length === 0) {
    io.stdout(
      `reproduced: ${results.length} run(s), every metric ${tolerance === 0 ? 'identical' : `within ${tolerance}`}\n`,
    );
    if (badCsvs.length > 0)
      throw new RunError(`${dir}: the runs reproduce, but ${badCsvs.length} CSV file(s) do not match runs/*.json`);
    return;
  }
  io.stdout(differenceTable(differences));
  const drifted = new Set(differences.map((difference) => difference.runId));
  throw new RunError(
    `drift: ${differences.length} value(s) in ${drifted.size} of ${results.length} run(s) differ from ${dir}${alsoCsvs}`,
  );
}

/** "shifted" rows and the epoch-0 differences decide; the table shows every test so the reader can judge. */
function reportStatistical(
  io: CliIo,
  dir: string,
  verdict: CrossBackendVerdict,
  badCsvCount: number,
  alsoCsvs: string,
): void {
  const table = new Table({
    head: ['configuration', 'metric', 'runs', 'stored mean', 're-run mean', 'mean difference', 'p', 'verdict'],
    style: { head: [], border: [] },
  });
  for (const check of verdict.checks) {
    table.push([
      configurationLabel(check.key, '(all runs)'),
      METRIC_NAMES[check.metric],
      check.test?.n ?? 1,
      formatCell(check.storedMean),
      formatCell(check.reproducedMean),
      check.test ? formatCell(check.test.mean) : '',
      check.test ? check.test.p.toPrecision(3) : '',
      check.test === null ? 'one run: not testable' : check.shifted ? 'SHIFTED' : 'consistent',
    ]);
  }
  io.stdout(`${table.toString()}\n`);
  io.stdout(
    `each test at p < ${verdict.level.toPrecision(3)} (${FAMILY_ALPHA} over ${verdict.checks.filter((c) => c.test).length} tests)\n`,
  );
  if (verdict.divergedOnOneSide.length > 0) {
    io.stdout(`diverged on one backend only (left out of the tests): ${verdict.divergedOnOneSide.join(', ')}\n`);
  }
  if (verdict.initDifferences.length > 0) io.stdout(differenceTable(verdict.initDifferences));
  const shifted = verdict.checks.filter((check) => check.shifted);
  const problems = [
    verdict.initDifferences.length > 0 &&
      `${verdict.initDifferences.length} value(s) at initialisation differ by more than ${INIT_TOLERANCE}`,
    shifted.length > 0 && `${shifted.length} final metric(s) shifted systematically`,
  ].filter(Boolean);
  if (problems.length > 0) throw new RunError(`drift across backends: ${problems.join('; ')} (${dir})${alsoCsvs}`);
  const untestable = verdict.checks.every((check) => check.test === null);
  io.stdout(
    untestable
      ? `reproduced across backends: epoch 0 within ${INIT_TOLERANCE}; final metrics not testable (one run per configuration: add seeds)\n`
      : `reproduced across backends: epoch 0 within ${INIT_TOLERANCE}, no systematic shift in final metrics\n`,
  );
  if (badCsvCount > 0)
    throw new RunError(`${dir}: the runs reproduce, but ${badCsvCount} CSV file(s) do not match runs/*.json`);
}
