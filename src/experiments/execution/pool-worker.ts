/**
 * One sweep worker as the pool sees it: a process forked, watched and fed packs until the queue is
 * empty. What it was doing decides what its exit means: before 'ready' or while holding a pack it
 * is a failure, after it has been retired (nothing left to run) it is expected.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ConfigError, RunError } from '../../errors.js';
import { packLabel } from '../sweep/packs.js';
import type { EpochRecord, PlannedRun, RunResult } from '../types.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';
import { Watchdog, type WorkerTimeouts } from './watchdog.js';

// Compiled (dist/), a worker is plain JavaScript; run from the TypeScript sources (the tests), the
// worker loads them through tsx, a devDependency that a user's install does not have.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url));
const WORKER_EXEC_ARGV = FROM_SOURCES ? ['--import', import.meta.resolve('tsx')] : [];

/** What a worker needs from its pool. */
export interface WorkerHost {
  /** The next pack, or undefined once the queue is empty. */
  nextPack(): PlannedRun[] | undefined;
  request: Omit<WorkerRequest, 'runs'>;
  timeouts: WorkerTimeouts;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  collect(result: RunResult): void;
  /** The queue was empty, so the worker was told to exit. */
  onRetired(): void;
  /** Ends the pool; a RunError names the worker's run and what happened. */
  onFailure(error: unknown): void;
  /** The process has exited (or never started). Called once. */
  onGone(worker: PoolWorker): void;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export class PoolWorker {
  readonly #process: ChildProcess;
  // The three limits of watchdog.ts, each with the line it ends the pool with.
  readonly #startup = new Watchdog((limit) => this.#fail(`did not report ready within ${seconds(limit)} of starting`));
  readonly #progress = new Watchdog((limit) => this.#fail(`finished no epoch in ${seconds(limit)}; stopped it`));
  readonly #answers = new Watchdog((limit) => this.#fail(`has not answered for ${seconds(limit)}; stopped it`));
  #phase: 'starting' | 'busy' | 'retired' | 'stopped' = 'starting';
  #pack: PlannedRun[] | undefined;
  /** Runs of the pack whose result has not come back yet. */
  #pending = new Set<string>();
  #runStarted = 0;
  #gone = false;

  constructor(private readonly host: WorkerHost) {
    this.#process = fork(WORKER, [], {
      execArgv: WORKER_EXEC_ARGV,
      serialization: 'advanced', // keeps NaN and Infinity, which JSON would turn into null
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#startup.start(host.timeouts.startupMs);
    this.#process.on('message', (reply: WorkerReply) => this.#receive(reply));
    // Not spawned, not killable, or a message that could not be sent. A process that never
    // spawned has no pid and may never emit 'exit'.
    this.#process.on('error', (error) => {
      this.#fail(`failed: ${error.message}`);
      if (this.#process.pid === undefined) this.#exited();
    });
    this.#process.on('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      this.#fail(this.#phase === 'starting' ? `exited with ${how} before it was ready` : `exited with ${how}`);
      this.#exited();
    });
  }

  /** Kills the process if it still runs (it owns no files; SIGKILL reaches even a hung one) and ignores it from now on. */
  stop(): void {
    this.#phase = 'stopped';
    this.#stopWatching();
    if (!this.#gone) this.#process.kill('SIGKILL');
  }

  #receive(reply: WorkerReply): void {
    if (this.#phase === 'stopped') return;
    this.#answers.heard(); // any message answers; the watch starts with the run's first record
    try {
      if (reply.type === 'ready') {
        this.#startup.stop();
        this.#takeNext();
      } else if (reply.type === 'epoch') {
        this.#progress.heard();
        // Loading and the first measurement are behind it: the time they took sets the scale.
        if (!this.#answers.active)
          this.#answers.start(this.host.timeouts.unresponsiveMs, performance.now() - this.#runStarted);
        const run = this.#pack!.find((member) => member.runId === reply.runId);
        if (run) this.host.onEpoch?.(run, reply.record);
      } else if (reply.type === 'failed') {
        this.host.onFailure(
          reply.problems ? new ConfigError(reply.problems) : new RunError(`run ${reply.runId}: ${reply.message}`),
        );
      } else if (reply.type === 'done') {
        this.host.collect(reply.result);
        this.#pending.delete(reply.result.runId);
        if (this.#pending.size === 0) this.#takeNext();
      }
    } catch (error) {
      this.host.onFailure(error); // from collect or onEpoch: the caller's own failure, passed on as it is
    }
  }

  #takeNext(): void {
    this.#stopWatching();
    this.#pack = this.host.nextPack();
    if (this.#pack) {
      this.#phase = 'busy';
      this.#pending = new Set(this.#pack.map((run) => run.runId));
      this.#runStarted = performance.now();
      this.#progress.start(this.host.timeouts.progressMs);
      this.#process.send({ ...this.host.request, runs: this.#pack } satisfies WorkerRequest);
    } else {
      this.#phase = 'retired';
      this.#process.disconnect(); // the worker exits on disconnect
      this.host.onRetired();
    }
  }

  #stopWatching(): void {
    for (const watchdog of [this.#startup, this.#progress, this.#answers]) watchdog.stop();
  }

  /** A failure while it mattered: starting, or holding a pack. */
  #fail(what: string): void {
    if (this.#phase === 'starting') this.host.onFailure(new RunError(`worker ${what}`));
    if (this.#phase === 'busy')
      this.host.onFailure(
        new RunError(`worker running ${packLabel(this.#pack!.filter((run) => this.#pending.has(run.runId)))} ${what}`),
      );
  }

  #exited(): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#stopWatching();
    this.host.onGone(this);
  }
}
