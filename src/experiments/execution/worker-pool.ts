/**
 * Worker processes for a sweep: each takes the next pack from a queue shared with the parent,
 * trains it and sends each run's result back. Packs are independent and fully seeded, so results
 * do not depend on which process ran what.
 *
 * The pool cannot hang: a worker that exits before it is ready or while it holds a run, reports a
 * failed run, cannot be spawned or messaged, or stays silent too long (watchdog.ts) ends the pool
 * with one RunError naming the run and what happened (pool-worker.ts). Every worker is then
 * killed, and the promise settles only once all have exited: no process outlives a sweep.
 */
import type { BackendOptions } from '../backend/load.js';
import type { EpochRecord, PlannedRun, RunResult } from '../types.js';
import { nextPack } from '../sweep/packs.js';
import { PoolWorker, type WorkerHost } from './pool-worker.js';
import { DEFAULT_TIMEOUTS, type WorkerTimeouts } from './watchdog.js';

export interface PoolOptions {
  baseDir: string;
  backendOptions?: BackendOptions;
  signal?: AbortSignal;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  /** When a worker counts as hung; defaults in watchdog.ts. */
  timeouts?: Partial<WorkerTimeouts>;
}

/**
 * Runs packs taken from `queue` (shared, each pack's runs one after another, consumed with
 * nextPack) in `workerCount` processes until it is empty. `collect` receives each result as it arrives. Rejects on the first failure or on abort.
 */
export function runInWorkers(
  queue: PlannedRun[],
  workerCount: number,
  options: PoolOptions,
  collect: (result: RunResult) => void,
): Promise<void> {
  // Threads as in this process (backend/load.ts: one unless asked), so no pack's numbers depend on its lane.
  const backendOptions = { ...options.backendOptions };
  const living = new Set<PoolWorker>();
  let working = workerCount;

  return new Promise<void>((resolve, reject) => {
    // How the promise will settle, fixed by the first outcome; it settles once every worker is gone.
    let settle: (() => void) | null = null;
    const settleOnceAllExited = () => {
      if (settle && living.size === 0) settle();
    };
    const finish = (how: () => void) => {
      if (settle) return;
      settle = how;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of living) worker.stop();
      settleOnceAllExited();
    };
    const fail = (error: unknown) => finish(() => reject(error));
    const onAbort = () => fail(options.signal?.reason);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);

    const host: WorkerHost = {
      nextPack: () => nextPack(queue),
      request: { baseDir: options.baseDir, backendOptions },
      timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
      onEpoch: options.onEpoch,
      collect,
      onRetired: () => {
        if (--working === 0) finish(resolve);
      },
      onFailure: fail,
      onGone: (worker) => {
        living.delete(worker);
        settleOnceAllExited();
      },
    };
    for (let i = 0; i < workerCount && !settle; i++) {
      try {
        living.add(new PoolWorker(host));
      } catch (error) {
        fail(error); // fork refused outright (bad arguments): stop the workers already started
      }
    }
  });
}
