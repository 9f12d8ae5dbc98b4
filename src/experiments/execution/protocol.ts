/** Messages between the sweep's parent process and its workers. */
import type { BackendOptions } from '../backend/load.js';
import type { EpochRecord, PlannedRun, RunResult } from '../types.js';

/**
 * How often a worker says it is still answering (see watchdog.ts for what that proves): often
 * enough that the default unresponsive limit is thirty missed beats, rarely enough to cost nothing.
 */
export const HEARTBEAT_MS = 2000;

export interface WorkerRequest {
  /** One pack: trained together, each run's epochs and result sent back as they come. */
  runs: PlannedRun[];
  baseDir: string;
  backendOptions: BackendOptions;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'beat' }
  | { type: 'epoch'; runId: string; record: EpochRecord }
  | { type: 'done'; result: RunResult }
  /** `problems` is set when the run failed on bad user input (ConfigError). */
  | { type: 'failed'; runId: string; message: string; problems: string[] | null };
