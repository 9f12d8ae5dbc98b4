/**
 * Progress on stderr: one line redrawn in place on a terminal, nothing when stderr is a file or a
 * pipe (CI logs stay clean) or when --quiet is given. It says how long the sweep has run and about
 * how long it has left: the work is counted in measured epochs (initialisation included), so the
 * estimate is the time per epoch so far times the epochs still to come.
 */
import { stderrWidth, type CliIo } from '../process/io.js';
import { configurationLabel } from '../../output/results/labels.js';
import type { EpochRecord, PlannedRun } from '../../experiments/types.js';

export interface Progress {
  epoch(run: PlannedRun, record: EpochRecord, epochs: number): void;
  /** `completed` runs of the sweep are done, `run` (when given) just now. */
  runDone(completed: number, run?: PlannedRun): void;
  /** Clears the line; call before printing anything else. */
  done(): void;
}

/** "45s", "3m05s", "2h07m": short enough for a progress line, exact enough to plan a coffee. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** "12s, eta 30s": the time so far and what is left at the pace so far; no estimate before any work is done. */
export function timeText(elapsedMs: number, done: number, total: number): string {
  const elapsed = formatDuration(elapsedMs);
  if (done <= 0 || total <= 0) return elapsed;
  return `${elapsed}, eta ${formatDuration((elapsedMs * Math.max(0, total - done)) / done)}`;
}

/** Epoch records a run sends: its initialisation and each trained epoch. */
const recordsOf = (run: PlannedRun) => run.config.training.epochs + 1;

/**
 * The progress line of a sweep of `planned` runs, `runs` of which are still to train (a resumed
 * sweep's finished runs count as done, not as work).
 */
export function createProgress(io: CliIo, planned: number, runs: readonly PlannedRun[], enabled: boolean): Progress {
  if (!enabled || !io.stderrIsTTY) return { epoch() {}, runDone() {}, done() {} };
  const started = io.now().getTime();
  const work = runs.reduce((sum, run) => sum + recordsOf(run), 0);
  const seen = new Map<string, number>();
  let measured = 0;
  let completed = 0;
  let drawn = false;
  const draw = (text: string) => {
    // One column short of the width: a line that fills the last column wraps on some terminals.
    const width = Math.max(20, (stderrWidth(io) ?? 100) - 1);
    const head = `[${completed}/${planned} runs, ${timeText(io.now().getTime() - started, measured, work)}]`;
    io.stderr(`\r\x1b[2K${`${head}${text}`.slice(0, width)}`);
    drawn = true;
  };
  return {
    epoch(run, record, epochs) {
      seen.set(run.runId, (seen.get(run.runId) ?? 0) + 1);
      measured++;
      const label = configurationLabel(run.swept, run.config.name);
      draw(
        ` ${run.runId} ${label}: epoch ${record.epoch}/${epochs}  loss ${record.loss.toFixed(4)}  dead ${(record.deadFraction * 100).toFixed(1)}%`,
      );
    },
    runDone(count, run) {
      completed = count;
      // A run that stopped early (diverged) sends no more records: what it would have sent is done too.
      if (run) measured += Math.max(0, recordsOf(run) - (seen.get(run.runId) ?? 0));
      if (run) seen.set(run.runId, recordsOf(run));
      draw('');
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}
