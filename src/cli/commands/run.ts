/** `dead-neurons run <config>` and `run --resume DIR`: options, then one call. */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { BACKENDS } from '../../experiments/config/schema.js';
import { resolveShard } from '../../experiments/sweep/shard-auto.js';
import { OUTPUT_FORMATS } from '../../output/views/formats.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';
import {
  addChartOptions,
  addOverrideOptions,
  BASELINE_HELP,
  chartOptionsShape,
  integerOption,
  overrideOptionsShape,
  parseOptions,
} from './options.js';

const runOptionsSchema = z.object({
  ...overrideOptionsShape,
  backend: z.enum(Object.keys(BACKENDS) as [string, ...string[]]).optional(),
  out: z.string().min(1).optional(),
  resume: z.string().min(1).optional(),
  shard: z.string().optional(),
  jobs: z.number().default(availableParallelism()),
  format: z.enum(OUTPUT_FORMATS).default('table'),
  quiet: z.boolean().default(false),
  baseline: z.string().optional(),
  ...chartOptionsShape,
  html: z.boolean().default(false),
  tensorboard: z.string().min(1).optional(),
});

export function runCommand(io: CliIo): Command {
  const command = new Command('run')
    .description('train every run of a config and measure dead units per layer')
    .argument('[config]', 'experiment config, .json or .yaml');
  return addChartOptions(addOverrideOptions(command))
    .addOption(
      new Option('--backend <name>', 'TensorFlow.js backend (same as --set backend=NAME)').choices(
        Object.keys(BACKENDS),
      ),
    )
    .option('--out <dir>', 'results folder (default: results/<name>/<UTC time>/)')
    .addOption(
      integerOption(
        '-j, --jobs <n>',
        `runs in parallel, in worker processes (default: ${availableParallelism()}, the cores)`,
      ),
    )
    .option(
      '--shard <i/n|auto>',
      "run only shard i of n of the sweep (for CI matrices and Slurm arrays; see `merge`); auto: the array task's, from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
    )
    .option('--resume <dir>', 'finish the runs an interrupted `run` left undone in DIR')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option('-q, --quiet', 'no progress on stderr')
    .option(
      '--baseline <field=value|label|n>',
      `${BASELINE_HELP} (default: the config's baseline, else model.activation's first value when swept, else the first swept field's); recorded in config.resolved.json, so comparisons.csv, report and reproduce follow it`,
    )
    .option('--html', 'also write report.html, a self-contained HTML report, into the results folder')
    .option(
      '--tensorboard <dir>',
      "write each run's scalars for TensorBoard into DIR, one folder per run named by configuration and seed, e.g. leaky_relu-a0.1-s3 (needs the native backend)",
    )
    .addHelpText(
      'after',
      `
Examples:
  $ dead-neurons run configs/deep.json
  $ dead-neurons run configs/alpha-sweep.yaml --sweep seed=1,2,3,4,5 --format markdown
  $ dead-neurons run configs/deep.json --set model.depth=50 --set training.epochs=0 --out results/depth50
  $ dead-neurons run configs/deep.json --sweep model.depth=8,32 --baseline model.alpha=0.3   # each alpha 0.01 against 0.3 of its depth
  $ dead-neurons run configs/born-dead.yaml --shard 2/4 --out shards/2   # then: dead-neurons merge shards/* --out all
  $ dead-neurons run configs/born-dead.yaml --shard auto --out shards/$SLURM_ARRAY_TASK_ID   # in a Slurm array task
  $ dead-neurons run --resume results/deep-relu-vs-leaky/2026-11-29T12-00-00Z
  $ dead-neurons run configs/alpha-sweep.yaml --html --tensorboard tb   # then: tensorboard --logdir tb

Writes config.resolved.json, manifest.json, runs/<run_id>.json (each as its run finishes),
metrics.csv, epochs.csv, runs.csv, summary.csv and comparisons.csv into the results folder. Ctrl-C stops cleanly;
finished runs are kept and --resume finishes the rest.`,
    )
    .action(async (configPath: string | undefined, rawOptions: unknown) => {
      const options = parseOptions(runOptionsSchema, rawOptions);
      if (options.resume) {
        const changing = [
          options.set.length > 0 && '--set',
          options.sweep.length > 0 && '--sweep',
          options.backend && '--backend',
          options.out && '--out',
          options.shard && '--shard',
        ].filter(Boolean);
        if (changing.length > 0)
          throw new UsageError(`--resume continues a sweep as it was planned; drop ${changing.join(', ')}`);
        const { resumeExperiment } = await import('../actions/run.js');
        return resumeExperiment(io, options.resume, options);
      }
      if (configPath === undefined) throw new UsageError('missing config: dead-neurons run <config> (or --resume DIR)');
      const shard = options.shard === undefined ? null : resolveShard(options.shard, io.env ?? process.env);
      if (typeof shard === 'string') throw new UsageError(`--shard: ${shard}`);
      const set = options.backend ? [...options.set, `backend=${options.backend}`] : options.set;
      const { runExperiment } = await import('../actions/run.js');
      return runExperiment(io, configPath, { ...options, set, shard });
    });
}
