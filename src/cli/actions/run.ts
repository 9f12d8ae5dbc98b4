/**
 * What `dead-neurons run` does once its flags are parsed: plan the sweep (or read back the plan of
 * an interrupted one), train the runs still missing, save each as it finishes, then the summary
 * files. Nothing touches the disk until the config, flags and backend are known to be good.
 * Loaded only when `run` is invoked, since it brings in TF.js.
 */
import { dirname, relative, resolve } from 'node:path';
import { describeBackend, resolveAutoBackend, useBackend } from '../../experiments/backend.js';
import { loadExperiment } from '../../experiments/config/load.js';
import { RunError } from '../../experiments/errors.js';
import { runSweep } from '../../experiments/execution/sweep-runner.js';
import { planRuns } from '../../experiments/sweep/plan.js';
import type { Shard } from '../../experiments/sweep/shard.js';
import { configurationLabels } from '../../output/comparisons-view.js';
import { formatReport, withBaseline, type OutputFormat, type ReportData } from '../../output/formats.js';
import { defaultResultsDir, requireEmptyFolder, requireResultsFolder } from '../../output/results-dir.js';
import { closeSession, openSession, remainingRuns, saveRun, startSession, type Session } from '../../output/session.js';
import { requireBaseline } from '../commands/options.js';
import { abortOnSignals, InterruptedError } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';

export interface RunRequest {
  set: string[];
  sweep: string[];
  out?: string;
  shard: Shard | null;
  jobs: number;
  format: OutputFormat;
  quiet: boolean;
  /** What the printed comparisons are against (comparisons.csv is always against the first configuration). */
  baseline?: string;
}

/** `run <config>`: a new results folder. */
export async function runExperiment(io: CliIo, configPath: string, request: RunRequest): Promise<void> {
  const { raw, config } = loadExperiment(configPath, request, io.cwd);
  // The backend loads before anything is written, so one that will not load fails cleanly.
  const resolved = await resolveAutoBackend(planRuns(raw));
  requireBaseline(configurationLabels(resolved.plan, config.name), request.baseline);
  const backend = resolved.backend ?? (await useBackend(resolved.plan[0].config.backend));
  const outDir = resolve(io.cwd, request.out ?? defaultResultsDir('results', config.name, io.now()));
  requireEmptyFolder(outDir, `--out ${relative(io.cwd, outDir) || '.'}`, 'choose another, or --resume it');
  const session = startSession({
    outDir,
    config,
    plan: resolved.plan,
    backend,
    configPath,
    configDir: dirname(resolve(io.cwd, configPath)),
    cwd: io.cwd,
    shard: request.shard,
    jobs: request.jobs,
    now: io.now(),
  });
  await execute(io, session, request);
}

/** `run --resume DIR`: the runs an interrupted sweep left undone, with its plan and backend. */
export async function resumeExperiment(io: CliIo, dir: string, request: Pick<RunRequest, 'jobs' | 'format' | 'quiet' | 'baseline'>): Promise<void> {
  const outDir = resolve(io.cwd, dir);
  requireResultsFolder(outDir, `--resume ${dir}`);
  const session = openSession(outDir);
  requireBaseline(configurationLabels(session.plan.runs, session.plan.name), request.baseline);
  const backend = await useBackend(session.plan.runs[0].config.backend);
  session.manifest = { ...session.manifest, backend, resumes: session.manifest.resumes + 1, jobs: request.jobs };
  await execute(io, session, request);
}

async function execute(io: CliIo, session: Session, request: Pick<RunRequest, 'jobs' | 'format' | 'quiet' | 'baseline'>): Promise<void> {
  const { outDir, manifest } = session;
  const shown = relative(io.cwd, outDir) || '.';
  const remaining = remainingRuns(session);
  if (!request.quiet) {
    const resumed = session.finished.length > 0 ? `, ${session.finished.length} already done` : '';
    const jobs = Math.min(request.jobs, Math.max(remaining.length, 1));
    io.stderr(`backend: ${describeBackend(manifest.backend!)}; ${manifest.runsPlanned} run(s)${resumed}; ${jobs} job(s)\n`);
  }

  const progress = createProgress(io, manifest.runsPlanned, !request.quiet);
  const controller = new AbortController();
  const removeHandlers = abortOnSignals(controller, (signal) => {
    progress.done();
    io.stderr(`${signal}: stopping; finished runs are saved (press again to quit at once)\n`);
  });
  progress.runDone(session.finished.length);
  let report: ReportData | undefined;
  try {
    await runSweep(remaining, {
      baseDir: resolve(outDir, manifest.configDir),
      jobs: request.jobs,
      signal: controller.signal,
      onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
      onRunDone: (result) => {
        saveRun(session, result);
        progress.runDone(session.finished.length);
      },
    });
  } catch (error) {
    const resumable = `${session.finished.length} of ${manifest.runsPlanned} runs complete in ${shown}; resume with: dead-neurons run --resume ${shown}`;
    if (error instanceof InterruptedError || controller.signal.aborted) io.stderr(`${resumable}\n`);
    // A run or a worker failed (the pool names which and how): the same one line says how to go on.
    if (error instanceof RunError) throw new RunError(`${error.message}; ${resumable}`);
    throw error;
  } finally {
    removeHandlers();
    progress.done();
    report = closeSession(session, io.now());
  }
  // A shard may hold no run of the baseline: then there is nothing to compare with.
  const shownReport = withBaseline(report, request.baseline);
  io.stdout(formatReport(typeof shownReport === 'string' ? { ...report, comparisons: [] } : shownReport, request.format));
  io.stderr(`results: ${shown}\n`);
}
