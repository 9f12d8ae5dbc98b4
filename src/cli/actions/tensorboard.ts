/**
 * `run --tensorboard DIR`: each run's scalars written into DIR/<run_id>/ as its record arrives in
 * this (the parent) process, so it works alike for any --jobs. Everything that could stop it (no
 * native backend, a run folder already there) is found before anything is written or trained.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tensorboardWriter } from '../../experiments/backend/load.js';
import type { PlannedRun, RunResult } from '../../experiments/types.js';
import { runScalars } from '../../output/results/tensorboard.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';

/** Returns what writes one finished run's scalars; throws a usage error (exit 2) when it cannot. */
export async function openTensorboard(
  io: CliIo,
  dir: string,
  runs: readonly PlannedRun[],
): Promise<(result: RunResult) => void> {
  const root = resolve(io.cwd, dir);
  // A second writer in a run's folder would add a second event file with the same steps.
  const taken = runs.find((run) => existsSync(join(root, run.runId)));
  if (taken)
    throw new UsageError(`--tensorboard ${dir}: ${join(dir, taken.runId)} exists already; choose another folder`);
  let write;
  try {
    write = await tensorboardWriter();
  } catch (error) {
    throw new UsageError(`--tensorboard ${dir}: ${(error as Error).message}`);
  }
  return (result) => write(join(root, result.runId), runScalars(result));
}
