/**
 * Runs a sweep's runs in N worker processes. Each run is independent and fully seeded, so the
 * results do not depend on N or on which worker ran what; they are handed back in plan order.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ConfigError, RunError } from './errors.js';
import type { RunResult } from './run-one.js';
import type { PlannedRun } from './sweep.js';
import type { SweepOptions } from './sweep-runner.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
// Workers load the TypeScript sources the same way bin/ does, wherever the user's cwd is.
const TSX = import.meta.resolve('tsx');

/** Threads per worker: the cores shared fairly, at least one each. */
export function threadsPerWorker(workers: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / workers));
}

export async function runInWorkers(runs: readonly PlannedRun[], jobs: number, options: SweepOptions): Promise<RunResult[]> {
  const workerCount = Math.min(jobs, runs.length);
  const backendOptions = { ...options.backendOptions, threads: options.backendOptions?.threads ?? threadsPerWorker(workerCount) };
  const queue = [...runs];
  const byId = new Map(runs.map((run) => [run.runId, run]));
  const results: RunResult[] = [];
  const workers: ChildProcess[] = [];
  /** Which run each worker is on, to name it if the worker dies. */
  const current = new Map<ChildProcess, string>();

  return new Promise<RunResult[]>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGTERM');
      if (error === undefined) resolve(results.sort((a, b) => a.index - b.index));
      else reject(error);
    };
    const onAbort = () => finish(options.signal?.reason);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);

    const startNext = (worker: ChildProcess) => {
      const run = queue.shift();
      if (!run) {
        worker.disconnect();
        return;
      }
      current.set(worker, run.runId);
      const request: WorkerRequest = { run, baseDir: options.baseDir, backendOptions };
      worker.send(request);
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = fork(WORKER, [], {
        execArgv: ['--import', TSX],
        serialization: 'advanced', // keeps NaN and Infinity, which JSON would turn into null
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (reply.type === 'ready') startNext(worker);
        else if (reply.type === 'epoch') options.onEpoch?.(byId.get(reply.runId)!, reply.record);
        else if (reply.type === 'failed') {
          finish(reply.problems ? new ConfigError(reply.problems) : new RunError(`run ${reply.runId}: ${reply.message}`));
        } else {
          results.push(reply.result);
          try {
            options.onRunDone?.(reply.result);
          } catch (error) {
            return finish(error);
          }
          if (results.length === runs.length) finish();
          else startNext(worker);
        }
      });
      worker.on('exit', (code, signal) => {
        const runId = current.get(worker);
        const unfinished = runId !== undefined && !results.some((result) => result.runId === runId);
        if (!settled && unfinished) {
          finish(new RunError(`worker running ${runId} stopped (${signal ?? `exit code ${code}`})`));
        }
      });
    }
  });
}
