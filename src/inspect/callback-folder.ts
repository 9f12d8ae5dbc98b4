/**
 * The results folder of deadUnitsCallback({ out }): the files `run` writes for one run, so that
 * `report`, `report --html` and `compare` read a user's own training as they read a sweep:
 * config.resolved.json (what was measured; marked with its source, see results-dir.ts),
 * manifest.json, runs/r001.json (the run record) and metrics.csv, epochs.csv, runs.csv,
 * summary.csv and comparisons.csv rebuilt from it. Rewritten after every measurement, each file
 * atomically, so a training stopped midway leaves a folder `report` reads up to its last epoch.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochRecord, PlannedRun, RunResult } from '../experiments/types.js';
import { toolVersion, type Manifest } from '../output/results/manifest.js';
import {
  FILES,
  OWN_TRAINING_SOURCE,
  reportData,
  writeAggregates,
  writeJsonAtomic,
  writeRunRecord,
} from '../output/results/folder.js';

export interface CallbackFolderStart {
  folder: string;
  name: string;
  seed: number | null;
  /** What config.resolved.json says was measured, besides the name. */
  description: Record<string, unknown>;
  backend: { name: string; version: string };
  startedAt: Date;
}

export interface CallbackFolder {
  /** Writes the record and every file derived from it, for the epochs measured so far. */
  save(epochs: readonly EpochRecord[], status: { diverged: boolean; seconds: number; finished: boolean }): void;
}

/** Checks the folder is new or empty, then writes the plan and a manifest with no finished run. */
export function startCallbackFolder(start: CallbackFolderStart): CallbackFolder {
  if (existsSync(start.folder) && readdirSync(start.folder).length > 0) {
    throw new Error(
      `deadUnitsCallback: out folder ${start.folder} exists and is not empty; give a new one for each training`,
    );
  }
  const planned: PlannedRun = {
    runId: 'r001',
    index: 0,
    swept: {},
    // The user's own model has no MLP config; report reads only its name and seed.
    config: { name: start.name, seed: start.seed } as unknown as PlannedRun['config'],
  };
  writeJsonAtomic(join(start.folder, FILES.config), {
    name: start.name,
    source: OWN_TRAINING_SOURCE,
    ...start.description,
    sweep: {},
    runs: [planned],
  });
  const manifest: Manifest & { source: string } = {
    tool: toolVersion(),
    source: OWN_TRAINING_SOURCE,
    command: process.argv.slice(1),
    config: null,
    configDir: '.',
    backend: { name: start.backend.name, version: start.backend.version, threads: null } as Manifest['backend'],
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    seed: start.seed as number,
    gitCommit: null,
    shard: null,
    jobs: 1,
    startedAt: start.startedAt.toISOString(),
    finishedAt: null,
    resumes: 0,
    runsPlanned: 1,
    runsCompleted: 0,
    complete: false,
    runs: [],
  };
  writeJsonAtomic(join(start.folder, FILES.manifest), manifest);

  return {
    save(epochs, status) {
      const diverged = status.diverged ? epochs[epochs.length - 1].epoch : null;
      const result: RunResult = {
        ...planned,
        status: status.diverged ? 'diverged' : 'ok',
        divergedAtEpoch: diverged,
        epochs: [...epochs],
        task: epochs.some((epoch) => epoch.trainAccuracy !== null) ? 'classification' : 'regression',
        backend: start.backend.name,
        seconds: status.seconds,
      };
      writeRunRecord(start.folder, result);
      writeAggregates(start.folder, reportData(start.name, [], [result]), [result]);
      const done = status.finished || status.diverged;
      writeJsonAtomic(join(start.folder, FILES.manifest), {
        ...manifest,
        finishedAt: done ? new Date(start.startedAt.getTime() + status.seconds * 1000).toISOString() : null,
        runsCompleted: done ? 1 : 0,
        complete: done,
        runs: [{ runId: planned.runId, seconds: status.seconds, backend: start.backend.name, status: result.status }],
      });
    },
  };
}
