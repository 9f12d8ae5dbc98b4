/**
 * Runs the planned runs of a sweep, pack by pack (sweep/packs.ts), and hands each result over as
 * soon as it is complete, so the caller can write it at once: a crash loses at most the packs in
 * progress. With jobs > 1 this process runs one lane itself (its backend is already loaded) and
 * jobs - 1 workers run the rest, all taking whole packs from one queue in plan order.
 */
import type { BackendOptions } from '../backend/load.js';
import { nextPack, packsOf } from '../sweep/packs.js';
import { executePack } from './run-one.js';
import type { WorkerTimeouts } from './watchdog.js';
import { runInWorkers } from './worker-pool.js';
import { packOf, type EpochRecord, type PlannedRun, type RunResult } from '../types.js';

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
  /**
   * The whole plan `runs` come from. A run's numbers depend (in the last bits) on the pack it
   * trains in, so each pack is re-formed with every run the plan gives it; runs not asked for
   * are trained along but neither reported nor handed over.
   */
  plan?: readonly PlannedRun[];
}

/** Runs `runs`; returns the results in plan order. */
export async function runSweep(runs: readonly PlannedRun[], options: SweepOptions): Promise<RunResult[]> {
  const wanted = new Set(runs.map((run) => run.runId));
  const packed = new Set(runs.filter((run) => run.pack !== undefined).map(packOf));
  const members = options.plan
    ? [
        ...runs,
        ...options.plan.filter((run) => !wanted.has(run.runId) && run.pack !== undefined && packed.has(run.pack)),
      ]
    : runs;
  // The queue holds each pack's runs one after another; lanes take a pack at a time (nextPack).
  const packs = packsOf(members);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, packs.length));
  const queue = packs.flat();
  const results: RunResult[] = [];
  const collect = (result: RunResult) => {
    if (!wanted.has(result.runId)) return;
    results.push(result);
    options.onRunDone?.(result);
  };
  const onEpoch =
    options.onEpoch &&
    ((run: PlannedRun, record: EpochRecord) => wanted.has(run.runId) && options.onEpoch!(run, record));
  // A failing lane stops the others, and nothing returns until every lane has stopped.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const lanes = [runHere(queue, { ...options, signal, onEpoch }, collect)];
  if (jobs > 1) lanes.push(runInWorkers(queue, jobs - 1, { ...options, signal, onEpoch }, collect));
  const outcomes = await Promise.allSettled(
    lanes.map((lane) => lane.catch((error: unknown) => (stop.abort(error), Promise.reject(error)))),
  );
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw options.signal?.aborted ? options.signal.reason : failure.reason;
  return results.sort((a, b) => a.index - b.index);
}

async function runHere(
  queue: PlannedRun[],
  options: SweepOptions,
  collect: (result: RunResult) => void,
): Promise<void> {
  for (let pack = nextPack(queue); pack; pack = nextPack(queue)) {
    options.signal?.throwIfAborted();
    const results = await executePack(pack, {
      baseDir: options.baseDir,
      backendOptions: options.backendOptions,
      onEpoch: options.onEpoch,
      signal: options.signal,
    });
    results.forEach(collect);
  }
}
