/**
 * One pack of a sweep (sweep/packs.ts): data, networks, training, measurements of its runs, trained
 * together. Returns one plain result object per run and prints nothing; the caller decides what to
 * show and where to write it.
 */
import { useBackend, type BackendOptions } from '../backend/load.js';
import { loadDataset } from '../datasets/index.js';
import { trainPack } from '../training/train-pack.js';
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

/** Trains `runs` (one pack: runs of one shape) together; results in the order of `runs`. */
export async function executePack(runs: readonly PlannedRun[], context: RunContext): Promise<RunResult[]> {
  const now = context.now ?? (() => performance.now());
  const started = now();
  const backend = await useBackend(runs[0].config.backend, context.backendOptions);
  const members = runs.map((run) => ({
    config: run.config,
    dataset: loadDataset(run.config.dataset, run.config.seed, context.baseDir),
  }));
  const outcomes = await trainPack(members, {
    onEpoch: (member, record) => context.onEpoch?.(runs[member], record),
    signal: context.signal,
  });
  // Wall time is the pack's; each run is charged its share.
  const seconds = (now() - started) / 1000 / runs.length;
  return runs.map((run, i) => ({
    runId: run.runId,
    index: run.index,
    ...(run.pack === undefined ? {} : { pack: run.pack }),
    swept: run.swept,
    config: run.config,
    status: outcomes[i].divergedAtEpoch === null ? 'ok' : 'diverged',
    divergedAtEpoch: outcomes[i].divergedAtEpoch,
    epochs: outcomes[i].epochs,
    task: members[i].dataset.task,
    backend: backend.name,
    seconds,
  }));
}
