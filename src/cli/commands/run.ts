/**
 * `dead-neurons run <config>` and `run --resume DIR`: plan the sweep (or read back the plan of an
 * interrupted one), train the runs still missing, write each as it finishes, then the summary
 * files. Nothing touches the disk until the config, flags and backend are known to be good.
 */
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { describeBackend, resolveAutoBackend, useBackend } from '../../experiments/backend.js';
import { loadExperiment } from '../../experiments/config/load.js';
import { BACKENDS } from '../../experiments/config/schema.js';
import { gitCommit, toolVersion, withRuns, type Manifest } from '../../output/manifest.js';
import { inShard, parseShard } from '../../experiments/sweep/shard.js';
import { planRuns } from '../../experiments/sweep/plan.js';
import { runSweep } from '../../experiments/execution/sweep-runner.js';
import { formatReport, OUTPUT_FORMATS, type ReportData } from '../../output/formats.js';
import {
  defaultResultsDir, FILES, readJson, readResolvedConfig, readRunRecords, reportData, writeAggregates,
  requireEmptyFolder, requireResultsFolder, writeJsonAtomic, writeResolvedConfig, writeRunRecord, type ResolvedConfigFile,
} from '../../output/results-dir.js';
import { UsageError } from '../errors.js';
import { abortOnSignals, InterruptedError } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { addOverrideOptions, overrideOptionsShape, parseOptions, positiveInt } from './options.js';
import type { RunResult } from '../../experiments/types.js';

const runOptionsSchema = z.object({
  ...overrideOptionsShape,
  backend: z.enum(Object.keys(BACKENDS) as [string, ...string[]]).optional(),
  out: z.string().min(1).optional(),
  resume: z.string().min(1).optional(),
  shard: z.string().optional(),
  jobs: z.number().int().min(1).default(availableParallelism()),
  format: z.enum(OUTPUT_FORMATS).default('table'),
  quiet: z.boolean().default(false),
});
type RunOptions = z.output<typeof runOptionsSchema>;

/** A results folder ready to take runs: its plan, its manifest so far and the runs it already has. */
interface Session {
  outDir: string;
  plan: ResolvedConfigFile;
  manifest: Manifest;
  finished: RunResult[];
}

export function runCommand(io: CliIo): Command {
  const command = new Command('run')
    .description('train every run of a config and measure dead units per layer')
    .argument('[config]', 'experiment config, .json or .yaml');
  return addOverrideOptions(command)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend (same as --set backend=NAME)').choices(Object.keys(BACKENDS)))
    .option('--out <dir>', 'results folder (default: results/<name>/<UTC time>/)')
    .option('-j, --jobs <n>', `runs in parallel, in worker processes (default: ${availableParallelism()}, the cores)`, positiveInt('--jobs'))
    .option('--shard <i/n>', 'run only shard i of n of the sweep (for CI matrices and Slurm arrays; see `merge`)')
    .option('--resume <dir>', 'finish the runs an interrupted `run` left undone in DIR')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ dead-neurons run configs/deep.json
  $ dead-neurons run configs/alpha-sweep.yaml --sweep seed=1,2,3,4,5 --format markdown
  $ dead-neurons run configs/deep.json --set model.depth=50 --set training.epochs=0 --out results/depth50
  $ dead-neurons run configs/born-dead.yaml --shard 2/4 --out shards/2   # then: dead-neurons merge shards/* --out all
  $ dead-neurons run --resume results/deep-relu-vs-leaky/2026-11-29T12-00-00Z

Writes config.resolved.json, manifest.json, runs/<run_id>.json (each as its run finishes),
metrics.csv, epochs.csv, runs.csv and summary.csv into the results folder. Ctrl-C stops cleanly;
finished runs are kept and --resume finishes the rest.`,
    )
    .action(async (configPath: string | undefined, rawOptions: unknown) => {
      const options = parseOptions(runOptionsSchema, rawOptions);
      const session = options.resume ? await resumeSession(io, options) : await newSession(io, configPath, options);
      await execute(io, session, options);
    });
}

async function newSession(io: CliIo, configPath: string | undefined, options: RunOptions): Promise<Session> {
  if (configPath === undefined) throw new UsageError('missing config: dead-neurons run <config> (or --resume DIR)');
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  if (typeof shard === 'string') throw new UsageError(`--shard: ${shard}`);
  const set = options.backend ? [...options.set, `backend=${options.backend}`] : options.set;
  const { raw, config } = loadExperiment(configPath, { set, sweep: options.sweep }, io.cwd);
  // The backend loads before anything is written, so one that will not load fails cleanly.
  const resolved = await resolveAutoBackend(planRuns(raw));
  const backend = resolved.backend ?? (await useBackend(resolved.plan[0].config.backend));

  const outDir = resolve(io.cwd, options.out ?? defaultResultsDir('results', config.name, io.now()));
  requireEmptyFolder(outDir, `--out ${relative(io.cwd, outDir) || '.'}`, 'choose another, or --resume it');
  const manifest: Manifest = {
    tool: toolVersion(),
    command: process.argv.slice(2),
    config: configPath,
    // Relative, so a results folder moved together with its config (or kept in git) still resumes.
    configDir: relative(outDir, dirname(resolve(io.cwd, configPath))) || '.',
    backend,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    seed: config.seed,
    gitCommit: gitCommit(io.cwd),
    shard,
    jobs: options.jobs,
    startedAt: io.now().toISOString(),
    finishedAt: null,
    resumes: 0,
    runsPlanned: inShard(resolved.plan, shard).length,
    runsCompleted: 0,
    complete: false,
    runs: [],
  };
  writeResolvedConfig(outDir, config, resolved.plan);
  writeJsonAtomic(join(outDir, FILES.manifest), manifest);
  return { outDir, plan: { ...config, runs: resolved.plan }, manifest, finished: [] };
}

async function resumeSession(io: CliIo, options: RunOptions): Promise<Session> {
  const changing = [
    options.set.length > 0 && '--set',
    options.sweep.length > 0 && '--sweep',
    options.backend && '--backend',
    options.out && '--out',
    options.shard && '--shard',
  ].filter(Boolean);
  if (changing.length > 0) {
    throw new UsageError(`--resume continues a sweep as it was planned; drop ${changing.join(', ')}`);
  }
  const outDir = resolve(io.cwd, options.resume!);
  requireResultsFolder(outDir, `--resume ${options.resume}`);
  const plan = readResolvedConfig(outDir);
  const manifest = readJson<Manifest>(join(outDir, FILES.manifest));
  const backend = await useBackend(plan.runs[0].config.backend);
  const inPlan = new Set(inShard(plan.runs, manifest.shard).map((run) => run.runId));
  const finished = readRunRecords(outDir).filter((result) => inPlan.has(result.runId));
  return { outDir, plan, manifest: { ...manifest, backend, resumes: manifest.resumes + 1, jobs: options.jobs }, finished };
}

async function execute(io: CliIo, session: Session, options: RunOptions): Promise<void> {
  const { outDir, plan, manifest } = session;
  const shown = relative(io.cwd, outDir) || '.';
  const finished = [...session.finished];
  const done = new Set(finished.map((result) => result.runId));
  const remaining = inShard(plan.runs, manifest.shard).filter((run) => !done.has(run.runId));
  if (!options.quiet) {
    const resumed = finished.length > 0 ? `, ${finished.length} already done` : '';
    io.stderr(`backend: ${describeBackend(manifest.backend!)}; ${manifest.runsPlanned} run(s)${resumed}; ${Math.min(options.jobs, Math.max(remaining.length, 1))} job(s)\n`);
  }

  const progress = createProgress(io, manifest.runsPlanned, !options.quiet);
  const controller = new AbortController();
  const removeHandlers = abortOnSignals(controller, (signal) => {
    progress.done();
    io.stderr(`${signal}: stopping; finished runs are saved (press again to quit at once)\n`);
  });
  progress.runDone(finished.length);
  let report: ReportData | undefined;
  try {
    await runSweep(remaining, {
      baseDir: resolve(outDir, manifest.configDir),
      jobs: options.jobs,
      signal: controller.signal,
      onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
      onRunDone: (result) => {
        writeRunRecord(outDir, result);
        finished.push(result);
        progress.runDone(finished.length);
      },
    });
  } catch (error) {
    if (error instanceof InterruptedError || controller.signal.aborted) {
      io.stderr(`${finished.length} of ${manifest.runsPlanned} runs complete in ${shown}; resume with: dead-neurons run --resume ${shown}\n`);
    }
    throw error;
  } finally {
    removeHandlers();
    progress.done();
    finished.sort((a, b) => a.index - b.index);
    report = reportData(plan.name, Object.keys(plan.sweep), finished);
    writeAggregates(outDir, report, finished);
    writeJsonAtomic(join(outDir, FILES.manifest), withRuns(manifest, finished, io.now().toISOString()));
  }
  io.stdout(formatReport(report, options.format));
  io.stderr(`results: ${shown}\n`);
}
