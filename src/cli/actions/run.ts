/**
 * What `dead-neurons run` does once its flags are parsed: plan the sweep (or read back the plan of
 * an interrupted one), train the runs still missing, save each as it finishes, then the summary
 * files. Nothing touches the disk until the config, flags, data, sizes and backend are known to be good.
 * Loaded only when `run` is invoked, since it brings in TF.js.
 */
import { join, resolve } from 'node:path';
import { describeBackend, resolveAutoBackend, useBackend } from '../../experiments/backend/load.js';
import { RunError } from '../../errors.js';
import { runSweep } from '../../experiments/execution/sweep-runner.js';
import { preflight } from '../../experiments/preflight/check.js';
import { dataLines } from '../../experiments/preflight/data.js';
import { memoryLimit } from '../../experiments/preflight/memory.js';
import { packsOf } from '../../experiments/sweep/packs.js';
import { inShard, type Shard } from '../../experiments/sweep/shard.js';
import { labelledConfigurations } from '../../output/results/baseline.js';
import { configurationLabels } from '../../output/views/comparisons.js';
import { formatReport, withBaseline, type OutputFormat } from '../../output/views/formats.js';
import {
  defaultResultsDir,
  FILES,
  readJson,
  requireResultsFolder,
  type ReportData,
} from '../../output/results/folder.js';
import {
  closeSession,
  openSession,
  remainingRuns,
  requireFreshFolder,
  saveRun,
  startSession,
  type Session,
} from '../../output/results/session.js';
import { abortOnSignals, InterruptedError } from '../process/interrupt.js';
import { resumeCommand } from '../process/invocation.js';
import type { RunResult } from '../../experiments/types.js';
import { stderrWrapped, stdoutWidth, type CliIo } from '../process/io.js';
import { createProgress } from '../views/progress.js';
import { prepareRun } from './prepare.js';
import { openTensorboard } from './tensorboard.js';
import { printCharts, type ChartRequest } from '../views/charts.js';
import { HTML_REPORT_FILE, writeHtmlReport } from '../views/html.js';
import { requireBaseline, requireConfigFilter } from '../views/selection.js';

export interface RunRequest extends ChartRequest {
  set: string[];
  sweep: string[];
  out?: string;
  shard: Shard | null;
  jobs: number;
  format: OutputFormat;
  quiet: boolean;
  /**
   * What the comparisons are against: recorded in config.resolved.json by `run`, so comparisons.csv
   * follows it; `run --resume` keeps the recorded one and prints against this.
   */
  baseline?: string;
  /** Also write report.html into the results folder. */
  html?: boolean;
  /** Write TensorBoard event files here, one folder per run. */
  tensorboard?: string;
}

/** What `run` and `run --resume` share once the folder is known. */
type ExecuteRequest = Pick<RunRequest, 'jobs' | 'format' | 'quiet' | 'baseline' | 'charts' | 'configFilter' | 'html'>;

/** What the header says besides the backend: why `auto` chose it, and the data each run trains on. */
interface RunHeader {
  reason: string | null;
  data: string[];
}

/** `run <config>`: a new results folder. */
export async function runExperiment(io: CliIo, configPath: string, request: RunRequest): Promise<void> {
  // Every dataset loaded and checked and every run sized first: bad data or a run too large for
  // this machine stops here, with every problem listed and nothing written.
  const { config, configDir, plan, checked } = prepareRun(io, configPath, request);
  // The backend loads before anything is written, so one that will not load fails cleanly.
  const resolved = await resolveAutoBackend(plan);
  requireConfigFilter(configurationLabels(resolved.plan, config.name), request.configFilter);
  const backend = resolved.backend ?? (await useBackend(resolved.plan[0].config.backend));
  const tensorboard =
    request.tensorboard === undefined
      ? undefined
      : await openTensorboard(io, request.tensorboard, inShard(resolved.plan, request.shard), resolved.plan);
  // Shown as the user gave it: an absolute --out stays absolute in every message and hint.
  const shownOut = request.out ?? defaultResultsDir('results', config.name, io.now());
  const outDir = resolve(io.cwd, shownOut);
  // What an unfinished start left (no finished run) is started over in rather than refused.
  const folder = requireFreshFolder(outDir, `--out ${shownOut}`, resumeCommand(io.invocation, shownOut));
  if (folder === 'reused' && !request.quiet)
    io.stderr(`--out ${shownOut}: starting over in what an unfinished start left (no finished run)\n`);
  const session = startSession({
    outDir,
    config,
    plan: resolved.plan,
    backend,
    configPath,
    configDir,
    cwd: io.cwd,
    shard: request.shard,
    jobs: request.jobs,
    now: io.now(),
  });
  // The baseline is recorded in the plan (prepareRun checked it): the table shows what comparisons.csv holds.
  await execute(
    io,
    session,
    shownOut,
    { ...request, baseline: undefined },
    { reason: resolved.reason, data: dataLines(checked.data) },
    tensorboard,
  );
}

/** `run --resume DIR`: the runs an interrupted sweep left undone, with its plan and backend. */
export async function resumeExperiment(
  io: CliIo,
  dir: string,
  request: ExecuteRequest & Pick<RunRequest, 'tensorboard'>,
): Promise<void> {
  const outDir = resolve(io.cwd, dir);
  requireResultsFolder(outDir, `--resume ${dir}`);
  const session = openSession(outDir);
  // The data may have changed or moved since: checked again, like a new run's, before any training.
  const checked = preflight(remainingRuns(session), {
    baseDir: resolve(outDir, session.manifest.configDir),
    origin: () => `--resume ${dir}`,
    limit: memoryLimit(io.env ?? process.env),
  });
  // Here --baseline changes what is printed only: comparisons.csv keeps the baseline the folder records.
  requireBaseline(labelledConfigurations(session.plan.runs, session.plan.name), request.baseline);
  requireConfigFilter(configurationLabels(session.plan.runs, session.plan.name), request.configFilter);
  const backend = await useBackend(session.plan.runs[0].config.backend);
  const tensorboard =
    request.tensorboard === undefined
      ? undefined
      : await openTensorboard(io, request.tensorboard, remainingRuns(session), session.plan.runs);
  session.manifest = { ...session.manifest, backend, resumes: session.manifest.resumes + 1, jobs: request.jobs };
  await execute(io, session, dir, request, { reason: null, data: dataLines(checked.data) }, tensorboard);
}

/** Trains what `session` still lacks; `shown` is its folder as the user named it (or as we chose it). */
async function execute(
  io: CliIo,
  session: Session,
  shown: string,
  request: ExecuteRequest,
  header: RunHeader,
  tensorboard?: (result: RunResult) => void,
): Promise<void> {
  const { outDir, manifest } = session;
  const remaining = remainingRuns(session);
  if (!request.quiet) {
    const resumed = session.finished.length > 0 ? `, ${session.finished.length} already done` : '';
    // Jobs take whole packs: no more of them than packs left.
    const jobs = Math.min(request.jobs, Math.max(packsOf(remaining).length, 1));
    const why = header.reason ? `, ${header.reason}` : '';
    stderrWrapped(
      io,
      `backend: ${describeBackend(manifest.backend!)}${why}; ${manifest.runsPlanned} run(s)${resumed}; ${jobs} job(s)\n`,
    );
    for (const line of header.data) stderrWrapped(io, `${line}\n`);
  }

  const progress = createProgress(io, manifest.runsPlanned, remaining, !request.quiet);
  const controller = new AbortController();
  const removeHandlers = abortOnSignals(controller, (_signal, cause) => {
    progress.done();
    io.stderr(`${cause}: stopping; finished runs are saved (press again to quit at once)\n`);
  });
  progress.runDone(session.finished.length);
  let report: ReportData | undefined;
  let closeError: unknown;
  try {
    await runSweep(remaining, {
      baseDir: resolve(outDir, manifest.configDir),
      jobs: request.jobs,
      // A pack that a stop left half saved is trained whole again, as it was recorded.
      plan: session.plan.runs,
      signal: controller.signal,
      onEpoch: (run, record) => progress.epoch(run, record, run.config.training.epochs),
      onRunDone: (result) => {
        saveRun(session, result);
        tensorboard?.(result);
        progress.runDone(
          session.finished.length,
          remaining.find((run) => run.runId === result.runId),
        );
      },
    });
  } catch (error) {
    const resumable = `${session.finished.length} of ${manifest.runsPlanned} runs complete in ${shown}; resume with: ${resumeCommand(io.invocation, shown)}`;
    if (error instanceof InterruptedError || controller.signal.aborted) io.stderr(`${resumable}\n`);
    // A run or a worker failed (the pool names which and how): the same one line says how to go on.
    if (error instanceof RunError) throw new RunError(`${error.message}; ${resumable}`);
    throw error;
  } finally {
    removeHandlers();
    progress.done();
    try {
      report = closeSession(session, io.now());
    } catch (error) {
      // The summary files could not be rewritten (a full disk, say): the run records are safe, and
      // when the sweep failed, the failure that stopped it is the one worth reporting.
      closeError = error;
    }
  }
  // Here the sweep did not fail: closeSession either set `report` or threw what is thrown here.
  if (report === undefined) throw closeError;
  const finished = report;
  // A shard may hold no run of the baseline: then there is nothing to compare with.
  const shownReport = withBaseline(finished, request.baseline);
  const printed = typeof shownReport === 'string' ? { ...finished, comparisons: [] } : shownReport;
  io.stdout(formatReport(printed, request.format, stdoutWidth(io)));
  if (request.html) {
    const manifestFile = readJson<unknown>(join(outDir, FILES.manifest));
    writeHtmlReport(
      io,
      { path: join(outDir, HTML_REPORT_FILE), shown: join(shown, HTML_REPORT_FILE) },
      { folder: shown, report: printed, results: session.finished, resolved: session.plan, manifest: manifestFile },
    );
  }
  io.stderr(`results: ${shown}\n`);
  printCharts(io, session.finished, session.plan.name, request);
}
