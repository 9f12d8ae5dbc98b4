/**
 * Runs the planned runs of a sweep and hands each result over as soon as it is complete, so the
 * caller can write it before the next one finishes: a crash loses at most the runs in progress.
 */
import type { BackendOptions } from './backend.js';
import { executeRun, type RunResult } from './run-one.js';
import type { PlannedRun } from './sweep.js';
import type { EpochRecord } from './train.js';
import { runInWorkers } from './worker-pool.js';

export interface SweepOptions {
  baseDir: string;
  /** Worker processes; 1 runs in this process. */
  jobs?: number;
  backendOptions?: BackendOptions;
  signal?: AbortSignal;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  /** Called once per finished run, in completion order. */
  onRunDone?: (result: RunResult) => void;
}

/** Runs `runs` (in N workers when jobs > 1); returns the results in plan order. */
export async function runSweep(runs: readonly PlannedRun[], options: SweepOptions): Promise<RunResult[]> {
  if ((options.jobs ?? 1) > 1 && runs.length > 1) return runInWorkers(runs, options.jobs!, options);
  const results: RunResult[] = [];
  for (const run of runs) {
    options.signal?.throwIfAborted();
    const result = await executeRun(run, {
      baseDir: options.baseDir,
      backendOptions: options.backendOptions,
      onEpoch: options.onEpoch,
      signal: options.signal,
    });
    results.push(result);
    options.onRunDone?.(result);
  }
  return results.sort((a, b) => a.index - b.index);
}
