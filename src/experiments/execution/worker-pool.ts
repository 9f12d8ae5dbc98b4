/**
 * Worker processes for a sweep: each takes the next run from a queue shared with the parent,
 * runs it and sends the result back. Runs are independent and fully seeded, so results do not
 * depend on which process ran what.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConfigError, RunError } from '../errors.js';
import type { BackendOptions } from '../backend.js';
import type { EpochRecord } from '../types.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';
import type { PlannedRun, RunResult } from '../types.js';

// Compiled (dist/), a worker is plain JavaScript; run from the TypeScript sources (the tests), the
// worker loads them through tsx, a devDependency that a user's install does not have.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url));
const WORKER_EXEC_ARGV = FROM_SOURCES ? ['--import', import.meta.resolve('tsx')] : [];

/** Threads per process: the cores shared fairly, at least one each. */
export function threadsPerWorker(processes: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / processes));
}

export interface PoolOptions {
  baseDir: string;
  backendOptions?: BackendOptions;
  /** Threads each worker computes with, unless backendOptions says otherwise. */
  threads: number;
  signal?: AbortSignal;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
}

/**
 * Runs runs taken from `queue` (shared, consumed with shift) in `workerCount` processes until it is
 * empty. `collect` receives each result as it arrives. Rejects on the first failure or on abort,
 * after stopping every worker.
 */
export function runInWorkers(
  queue: PlannedRun[],
  workerCount: number,
  options: PoolOptions,
  collect: (result: RunResult) => void,
): Promise<void> {
  const backendOptions = { ...options.backendOptions, threads: options.backendOptions?.threads ?? options.threads };
  const current = new Map<ChildProcess, PlannedRun | null>();

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of current.keys()) if (worker.exitCode === null) worker.kill('SIGTERM');
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => finish(options.signal?.reason);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);

    const startNext = (worker: ChildProcess) => {
      const run = queue.shift() ?? null;
      current.set(worker, run);
      if (run) {
        const request: WorkerRequest = { run, baseDir: options.baseDir, backendOptions };
        worker.send(request);
      } else {
        worker.disconnect();
        if ([...current.values()].every((busy) => busy === null)) finish();
      }
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = fork(WORKER, [], {
        execArgv: WORKER_EXEC_ARGV,
        serialization: 'advanced', // keeps NaN and Infinity, which JSON would turn into null
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      current.set(worker, null);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (reply.type === 'ready') return startNext(worker);
        const run = current.get(worker)!;
        if (reply.type === 'epoch') return options.onEpoch?.(run, reply.record);
        if (reply.type === 'failed') {
          return finish(reply.problems ? new ConfigError(reply.problems) : new RunError(`run ${reply.runId}: ${reply.message}`));
        }
        try {
          collect(reply.result);
        } catch (error) {
          return finish(error);
        }
        startNext(worker);
      });
      worker.on('exit', (code, signal) => {
        const run = current.get(worker);
        if (!settled && run) finish(new RunError(`worker running ${run.runId} stopped (${signal ?? `exit code ${code}`})`));
      });
    }
  });
}
