/**
 * One run of a sweep: data, network, training, measurements. Returns a plain result object and
 * prints nothing; the caller decides what to show and where to write it.
 */
import { useBackend, type BackendOptions } from '../backend.js';
import type { RunConfig } from '../config/schema.js';
import { loadDataset } from '../datasets/index.js';
import { buildMlp, disposeMlp } from '../model/mlp.js';
import { train } from '../training/train.js';
import type { EpochRecord, PlannedRun, RunResult } from '../types.js';

export interface RunContext {
  /** Folder that relative dataset paths are resolved against (the config file's). */
  baseDir: string;
  backendOptions?: BackendOptions;
  onEpoch?: (run: PlannedRun, record: EpochRecord) => void;
  signal?: AbortSignal;
  /** Milliseconds clock; injectable so tests need not depend on time. */
  now?: () => number;
}

export async function executeRun(run: PlannedRun, context: RunContext): Promise<RunResult> {
  const now = context.now ?? (() => performance.now());
  const started = now();
  const backend = await useBackend(run.config.backend, context.backendOptions);
  const dataset = loadDataset(run.config.dataset, run.config.seed, context.baseDir);
  const mlp = buildMlp(run.config.model, dataset.inputDim, dataset.outputDim, run.config.seed);
  try {
    const outcome = await train(mlp, dataset, run.config, {
      onEpoch: (record) => context.onEpoch?.(run, record),
      signal: context.signal,
    });
    return {
      runId: run.runId,
      index: run.index,
      swept: run.swept,
      config: run.config,
      status: outcome.divergedAtEpoch === null ? 'ok' : 'diverged',
      divergedAtEpoch: outcome.divergedAtEpoch,
      epochs: outcome.epochs,
      task: dataset.task,
      backend: backend.name,
      seconds: (now() - started) / 1000,
    };
  } finally {
    disposeMlp(mlp);
  }
}
