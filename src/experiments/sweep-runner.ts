/**
 * Runs the planned runs of a sweep and hands each result over as soon as it is complete, so the
 * caller can write it before the next run starts: a crash loses at most the run in progress.
 */
import type { BackendOptions } from './backend.js';
import { executeRun, type RunResult } from './run-one.js';
import type { PlannedRun } from './sweep.js';
import type { EpochRecord } from './train.js';

export interface SweepOptions {
  baseDir: string;
  backendOptions?: BackendOptions;
  signal?: AbortSignal;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  /** Called once per finished run, in completion order. */
  onRunDone?: (result: RunResult) => void;
}

/** Runs `runs` one after another; returns the results in plan order. */
export async function runSweep(runs: readonly PlannedRun[], options: SweepOptions): Promise<RunResult[]> {
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
