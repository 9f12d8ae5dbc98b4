/**
 * Progress on stderr: one line redrawn in place on a terminal, nothing when stderr is a file or a
 * pipe (CI logs stay clean) or when --quiet is given.
 */
import type { CliIo } from '../process/io.js';
import { configurationLabel } from '../../output/results/labels.js';
import type { EpochRecord, PlannedRun } from '../../experiments/types.js';

export interface Progress {
  epoch(run: PlannedRun, record: EpochRecord, epochs: number): void;
  runDone(completed: number): void;
  /** Clears the line; call before printing anything else. */
  done(): void;
}

export function createProgress(io: CliIo, total: number, enabled: boolean): Progress {
  if (!enabled || !io.stderrIsTTY) return { epoch() {}, runDone() {}, done() {} };
  let completed = 0;
  let drawn = false;
  const draw = (text: string) => {
    const width = Math.max(20, (process.stderr.columns ?? 100) - 1);
    io.stderr(`\r\x1b[2K${text.slice(0, width)}`);
    drawn = true;
  };
  return {
    epoch(run, record, epochs) {
      const label = configurationLabel(run.swept, run.config.name);
      draw(
        `[${completed}/${total} runs] ${run.runId} ${label}: epoch ${record.epoch}/${epochs}` +
          `  loss ${record.loss.toFixed(4)}  dead ${(record.deadFraction * 100).toFixed(1)}%`,
      );
    },
    runDone(count) {
      completed = count;
      draw(`[${completed}/${total} runs]`);
    },
    done() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}
