/**
 * `dead-neurons reproduce <results-dir>`: re-runs the stored plan (or some runs of it) and checks
 * every metric against the stored records. Exact on the backend that made them; within
 * --tolerance otherwise. Exit 0 when it reproduces, 1 on drift: made for CI.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { AUTO_ORDER, describeBackend, useBackend, type ConcreteBackend } from '../../experiments/backend.js';
import { compareRuns, type Difference } from '../../output/reproduce-compare.js';
import { RunError } from '../../experiments/errors.js';
import type { Manifest } from '../../output/manifest.js';
import { runSweep } from '../../experiments/execution/sweep-runner.js';
import { formatCell } from '../../output/csv.js';
import { FILES, readJson, readResolvedConfig, readRunRecords, requireResultsFolder } from '../../output/results-dir.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { parseOptions, positiveInt } from './options.js';

/** Default tolerance across backends: float32 results differ in the last digits, and training amplifies it. */
const CROSS_BACKEND_TOLERANCE = 1e-3;
const SHOWN_DIFFERENCES = 20;

const reproduceOptionsSchema = z.object({
  runs: z.string().optional(),
  tolerance: z.number().min(0).optional(),
  backend: z.enum(AUTO_ORDER as [ConcreteBackend, ...ConcreteBackend[]]).optional(),
  jobs: z.number().int().min(1).default(availableParallelism()),
  quiet: z.boolean().default(false),
});

export function differenceTable(differences: readonly Difference[]): string {
  const table = new Table({ head: ['run', 'epoch', 'layer', 'metric', 'stored', 'reproduced'], style: { head: [], border: [] } });
  for (const difference of differences.slice(0, SHOWN_DIFFERENCES)) {
    const cell = (value: unknown) => (value === undefined ? '(missing)' : formatCell(value as never) || 'null');
    table.push([
      difference.runId, difference.epoch ?? '', difference.layer ?? '', difference.metric,
      cell(difference.stored), cell(difference.reproduced),
    ]);
  }
  const more = differences.length > SHOWN_DIFFERENCES ? `... and ${differences.length - SHOWN_DIFFERENCES} more\n` : '';
  return `${table.toString()}\n${more}`;
}

export function reproduceCommand(io: CliIo): Command {
  return new Command('reproduce')
    .description('re-run a results folder and check every metric against it (exit 1 on drift)')
    .argument('<results-dir>', 'a folder written by `dead-neurons run` (e.g. a small reference result kept in git)')
    .option('--runs <ids>', 'only these runs, comma separated, e.g. --runs r001,r004')
    .option('--tolerance <x>', `allowed |stored - new| / max(1, |stored|) (default: 0 on the stored backend, ${CROSS_BACKEND_TOLERANCE} on another)`, parseFloat)
    .addOption(new Option('--backend <name>', 'run on this backend instead of the stored one').choices(AUTO_ORDER))
    .option('-j, --jobs <n>', 'runs in parallel, in worker processes', positiveInt('--jobs'))
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (dir: string, rawOptions: unknown) => {
      const options = parseOptions(reproduceOptionsSchema, rawOptions);
      if (options.tolerance !== undefined && Number.isNaN(options.tolerance)) throw new UsageError('--tolerance: must be a number >= 0');
      const folder = resolve(io.cwd, dir);
      requireResultsFolder(folder, dir);
      const plan = readResolvedConfig(folder);
      const manifest = readJson<Manifest>(join(folder, FILES.manifest));
      const stored = new Map(readRunRecords(folder).map((result) => [result.runId, result]));

      const wanted = options.runs?.split(',').map((id) => id.trim()) ?? [...stored.keys()];
      const unknown = wanted.filter((id) => !stored.has(id));
      if (unknown.length > 0) throw new UsageError(`--runs: no stored run ${unknown.join(', ')} in ${dir}`);
      if (wanted.length === 0) throw new RunError(`${dir}: no finished runs to reproduce`);

      const runs = plan.runs
        .filter((run) => wanted.includes(run.runId))
        .map((run) => (options.backend ? { ...run, config: { ...run.config, backend: options.backend } } : run));
      const crossBackend = runs.some((run) => run.config.backend !== stored.get(run.runId)!.backend);
      const tolerance = options.tolerance ?? (crossBackend ? CROSS_BACKEND_TOLERANCE : 0);
      const backend = await useBackend(runs[0].config.backend);
      if (!options.quiet) {
        io.stderr(`reproducing ${runs.length} run(s) on ${describeBackend(backend)}; ${tolerance === 0 ? 'exact' : `tolerance ${tolerance}`}\n`);
      }

      const progress = createProgress(io, runs.length, !options.quiet);
      let completed = 0;
      const results = await runSweep(runs, {
        baseDir: resolve(folder, manifest.configDir),
        jobs: options.jobs,
        onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
        onRunDone: () => progress.runDone(++completed),
      }).finally(() => progress.done());

      const differences = results.flatMap((result) => compareRuns(stored.get(result.runId)!, result, tolerance));
      if (differences.length === 0) {
        io.stdout(`reproduced: ${results.length} run(s), every metric ${tolerance === 0 ? 'identical' : `within ${tolerance}`}\n`);
        return;
      }
      io.stdout(differenceTable(differences));
      const drifted = new Set(differences.map((difference) => difference.runId));
      throw new RunError(`drift: ${differences.length} value(s) in ${drifted.size} of ${results.length} run(s) differ from ${dir}`);
    });
}
