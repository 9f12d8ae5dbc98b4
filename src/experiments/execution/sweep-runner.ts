/**
 * Runs the planned runs of a sweep and hands each result over as soon as it is complete, so the
 * caller can write it at once: a crash loses at most the runs in progress. With jobs > 1 this
 * process runs one lane itself (its backend is already loaded) and jobs - 1 workers run the rest,
 * all taking runs from one queue in plan order.
 */
import type { BackendOptions } from '../backend.js';
import { executeRun } from './run-one.js';
import type { WorkerTimeouts } from './watchdog.js';
import { runInWorkers, threadsPerWorker } from './worker-pool.js';
import type { EpochRecord, PlannedRun, RunResult } from '../types.js';

export interface SweepOptions {
  baseDir: string;
  /** Runs in parallel: this process plus jobs - 1 worker processes. */
  jobs?: number;
  backendOptions?: BackendOptions;
  signal?: AbortSignal;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  /** Called once per finished run, in completion order. */
  onRunDone?: (result: RunResult) => void;
  /** When a worker counts as hung; defaults in watchdog.ts. */
  timeouts?: Partial<WorkerTimeouts>;
}

/** Runs `runs`; returns the results in plan order. */
export async function runSweep(runs: readonly PlannedRun[], options: SweepOptions): Promise<RunResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, runs.length));
  const queue = [...runs];
  const results: RunResult[] = [];
  const collect = (result: RunResult) => {
    results.push(result);
    options.onRunDone?.(result);
  };
  // A failing lane stops the others, and nothing returns until every lane has stopped.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const lanes = [runHere(queue, { ...options, signal }, collect)];
  if (jobs > 1) lanes.push(runInWorkers(queue, jobs - 1, { ...options, signal, threads: threadsPerWorker(jobs) }, collect));
  const outcomes = await Promise.allSettled(lanes.map((lane) => lane.catch((error) => (stop.abort(error), Promise.reject(error)))));
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw options.signal?.aborted ? options.signal.reason : failure.reason;
  return results.sort((a, b) => a.index - b.index);
}

async function runHere(queue: PlannedRun[], options: SweepOptions, collect: (result: RunResult) => void): Promise<void> {
  for (let run = queue.shift(); run; run = queue.shift()) {
    options.signal?.throwIfAborted();
    collect(
      await executeRun(run, {
        baseDir: options.baseDir,
        backendOptions: options.backendOptions,
        onEpoch: options.onEpoch,
        signal: options.signal,
      }),
    );
  }
}
