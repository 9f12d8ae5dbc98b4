/**
 * `run --tensorboard DIR`: each run's scalars written into a folder of DIR named by its
 * configuration and seed ("leaky_relu-a0.1-s3") as its record arrives in this (the parent)
 * process, so it works alike for any --jobs. Everything that could stop it (no native backend, a
 * run folder already there) is found before anything is written or trained.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tensorboardWriter } from '../../experiments/backend/load.js';
import type { PlannedRun, RunResult } from '../../experiments/types.js';
import { runScalars, tensorboardNames } from '../../output/results/tensorboard.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';

/**
 * Returns what writes one finished run's scalars; throws a usage error (exit 2) when it cannot.
 * `runs` are the runs this process will train; folders are named over the whole `plan`, so a
 * resumed sweep or another shard names each run as the first start did.
 */
export async function openTensorboard(
  io: CliIo,
  dir: string,
  runs: readonly PlannedRun[],
  plan: readonly PlannedRun[],
): Promise<(result: RunResult) => void> {
  const root = resolve(io.cwd, dir);
  const names = tensorboardNames(plan);
  // A second writer in a run's folder would add a second event file with the same steps.
  const taken = runs.find((run) => existsSync(join(root, names.get(run.runId)!)));
  if (taken)
    throw new UsageError(
      `--tensorboard ${dir}: ${join(dir, names.get(taken.runId)!)} exists already; choose another folder`,
    );
  let write;
  try {
    write = await tensorboardWriter();
  } catch (error) {
    throw new UsageError(`--tensorboard ${dir}: ${(error as Error).message}`);
  }
  return (result) => write(join(root, names.get(result.runId) ?? result.runId), runScalars(result));
}
