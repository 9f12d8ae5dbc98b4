/**
 * `dead-neurons run <config>`: validate, plan the sweep, train every run, write the results folder
 * and print the summary. Nothing touches the disk until the config and flags are known to be good.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { describeBackend, resolveAutoBackend, useBackend } from '../../experiments/backend.js';
import { loadExperiment } from '../../experiments/config-load.js';
import { BACKENDS } from '../../experiments/config-schema.js';
import { gitCommit, runTimings, toolVersion, type Manifest } from '../../experiments/manifest.js';
import type { RunResult } from '../../experiments/run-one.js';
import { planRuns } from '../../experiments/sweep.js';
import { runSweep } from '../../experiments/sweep-runner.js';
import { formatReport, OUTPUT_FORMATS } from '../../output/formats.js';
import {
  defaultResultsDir, FILES, reportData, writeAggregates, writeJsonAtomic, writeResolvedConfig, writeRunRecord,
} from '../../output/results-dir.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { collect, parseOptions } from './options.js';

const runOptionsSchema = z.object({
  set: z.array(z.string()).default([]),
  sweep: z.array(z.string()).default([]),
  backend: z.enum(Object.keys(BACKENDS) as [string, ...string[]]).optional(),
  out: z.string().min(1).optional(),
  format: z.enum(OUTPUT_FORMATS).default('table'),
  quiet: z.boolean().default(false),
});

export function runCommand(io: CliIo): Command {
  return new Command('run')
    .description('train every run of a config and measure dead units per layer')
    .argument('<config>', 'experiment config, .json or .yaml')
    .option('--set <path=value>', 'override one config value, e.g. --set model.depth=50 (repeatable)', collect)
    .option('--sweep <path=v1,v2,...>', 'sweep a config path over values, e.g. --sweep model.alpha=0,0.01,0.3 (repeatable)', collect)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend (same as --set backend=NAME)').choices(Object.keys(BACKENDS)))
    .option('--out <dir>', 'results folder (default: results/<name>/<UTC time>/)')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ dead-neurons run configs/deep.json
  $ dead-neurons run configs/alpha-sweep.yaml --sweep seed=1,2,3,4,5 --format markdown
  $ dead-neurons run configs/deep.json --set model.depth=50 --set training.epochs=0 --out results/depth50

Writes config.resolved.json, manifest.json, runs/<run_id>.json, metrics.csv, epochs.csv, runs.csv
and summary.csv into the results folder.`,
    )
    .action(async (configPath: string, rawOptions: unknown) => {
      const options = parseOptions(runOptionsSchema, rawOptions);
      const set = options.backend ? [...options.set, `backend=${options.backend}`] : options.set;
      const { raw, config } = loadExperiment(configPath, { set, sweep: options.sweep }, io.cwd);
      // Load the backend before creating anything on disk, so a backend that will not load
      // fails the command cleanly.
      const resolved = await resolveAutoBackend(planRuns(raw));
      const plan = resolved.plan;
      const backend = resolved.backend ?? (await useBackend(plan[0].config.backend));
      if (!options.quiet) io.stderr(`backend: ${describeBackend(backend)}; ${plan.length} run(s)\n`);

      const outDir = resolve(io.cwd, options.out ?? defaultResultsDir('results', config.name, io.now()));
      if (existsSync(outDir) && readdirSync(outDir).length > 0) {
        throw new UsageError(`--out ${relative(io.cwd, outDir) || '.'}: folder exists and is not empty; choose another`);
      }
      const startedAt = io.now().toISOString();
      const manifest = (results: readonly RunResult[], finishedAt: string | null): Manifest => ({
        tool: toolVersion(),
        command: process.argv.slice(2),
        config: configPath,
        backend,
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        seed: config.seed,
        gitCommit: gitCommit(io.cwd),
        startedAt,
        finishedAt,
        runsPlanned: plan.length,
        runsCompleted: results.length,
        complete: results.length === plan.length,
        runs: runTimings(results),
      });
      writeResolvedConfig(outDir, config, plan);
      writeJsonAtomic(resolve(outDir, FILES.manifest), manifest([], null));

      const progress = createProgress(io, plan.length, !options.quiet);
      const completed: RunResult[] = [];
      try {
        await runSweep(plan, {
          baseDir: dirname(resolve(io.cwd, configPath)),
          onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
          onRunDone: (result) => {
            writeRunRecord(outDir, result);
            completed.push(result);
            progress.runDone(completed.length);
          },
        });
      } finally {
        progress.done();
        completed.sort((a, b) => a.index - b.index);
        const report = reportData(config.name, Object.keys(config.sweep), completed);
        writeAggregates(outDir, report, completed);
        writeJsonAtomic(resolve(outDir, FILES.manifest), manifest(completed, io.now().toISOString()));
        if (completed.length === plan.length) {
          io.stdout(formatReport(report, options.format));
          io.stderr(`results: ${relative(io.cwd, outDir) || '.'}\n`);
        }
      }
    });
}
