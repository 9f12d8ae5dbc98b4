/**
 * How the pool tells a hung worker from a slow one. A worker holding a run sends a record after
 * every epoch, and a heartbeat every HEARTBEAT_MS from a timer. What each can prove:
 *
 * - A heartbeat timer fires only when the worker's event loop turns, which during training happens
 *   between steps (training/train-pack.ts yields every 200 ms). So beats arriving mean steps are being taken, and
 *   no beat means the worker is stuck in something synchronous: a kernel, an endless loop. But the
 *   loading before a run's first record and the measurement after every epoch are synchronous too,
 *   and legitimately long on big data; and while the loop is free, the timer beats on even if the
 *   run awaits something that never comes. Beats prove the worker answers, not that it progresses.
 * - An epoch record proves progress, but epochs can legitimately take many minutes.
 *
 * Hence two limits on a busy worker. Unresponsive: no message at all, armed from its first epoch
 * record (loading and the first measurement are behind it), for 60 s or ten times the slowest gap
 * seen, the first one (which holds a whole measurement) included, whichever is longer. No
 * progress: no epoch record for 10 minutes or ten times the slowest gap between them. The first
 * catches a stuck computation within a minute; the second is the backstop for a stall that beats.
 */

export interface WorkerTimeouts {
  /** Longest wait from starting a worker to its 'ready'. */
  startupMs: number;
  /** Least time a busy worker may go without an epoch record; more once its epochs prove slow. */
  progressMs: number;
  /** Least time a training worker may go without any message; more once its measurements prove slow. */
  unresponsiveMs: number;
}

export const DEFAULT_TIMEOUTS: WorkerTimeouts = {
  // A worker is ready about 0.5 s after it starts (compiled, 2 cores): a minute is over 100 times
  // that, room for a swapping machine, a cold disk or many workers starting at once, and a worker
  // that hangs at start-up still costs only a minute.
  startupMs: 60_000,
  // Must cover loading the backend and dataset plus the measurement at initialisation (seconds
  // here, minutes for a very large network on the pure-JS backend): a false alarm throws away
  // the runs in progress, while a stall that keeps beating is rare and waits ten minutes.
  progressMs: 10 * 60_000,
  // Thirty missed heartbeats. Training steps take milliseconds here, and the 10x rule stretches
  // the limit for measurements longer than 6 s.
  unresponsiveMs: 60_000,
};

/**
 * The silence tolerated as a multiple of the slowest gap seen. Epochs of one run do the same work
 * on the same data, and every measurement does what the first did, so ten times the slowest is
 * not slowness.
 */
const SLOWER_THAN_SEEN = 10;

/** The silence allowed after `slowestGapMs` has been seen, with `floorMs` at least. */
export function silenceLimit(floorMs: number, slowestGapMs: number): number {
  return Math.max(floorMs, SLOWER_THAN_SEEN * slowestGapMs);
}

/** Calls `onSilent(limitMs)` when no `heard()` came within the limit; idle until `start()`. */
export class Watchdog {
  #timer?: NodeJS.Timeout;
  #recheck?: NodeJS.Immediate;
  #active = false;
  #floor = 0;
  #last = 0;
  #slowest = 0;

  constructor(private readonly onSilent: (limitMs: number) => void) {}

  get active(): boolean {
    return this.#active;
  }

  /** Watches a new stretch, allowing `floorMs` of silence at least, or 10x a gap already known. */
  start(floorMs: number, slowestGapMs = 0): void {
    this.#active = true;
    this.#floor = floorMs;
    this.#slowest = slowestGapMs;
    this.#last = performance.now();
    this.#arm(silenceLimit(floorMs, slowestGapMs));
  }

  heard(): void {
    if (!this.#active) return;
    const now = performance.now();
    this.#slowest = Math.max(this.#slowest, now - this.#last);
    this.#last = now;
    this.#arm(silenceLimit(this.#floor, this.#slowest));
  }

  stop(): void {
    this.#active = false;
    clearTimeout(this.#timer);
    clearImmediate(this.#recheck);
  }

  #arm(waitMs: number): void {
    clearTimeout(this.#timer);
    clearImmediate(this.#recheck);
    // A timer that fires may have waited behind this process's own work (its lane trains and
    // measures synchronously too), with the worker's messages unread in the pipe. setImmediate
    // runs after one round of I/O, so those messages are heard before the silence is judged.
    this.#timer = setTimeout(() => (this.#recheck = setImmediate(() => this.#judge())), waitMs);
  }

  #judge(): void {
    const limit = silenceLimit(this.#floor, this.#slowest);
    const silent = performance.now() - this.#last;
    if (silent < limit) return this.#arm(limit - silent);
    this.stop();
    this.onSilent(limit);
  }
}
