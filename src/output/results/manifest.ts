/**
 * manifest.json: what produced a results folder (tool, backend, Node, git commit) and when. The
 * only place besides runs.csv's seconds column where timings live, so the CSVs stay comparable.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { BackendInfo } from '../../experiments/backend/load.js';
import type { Shard } from '../../experiments/sweep/shard.js';
import type { RunResult } from '../../experiments/types.js';
import type { Machine } from '../../experiments/backend/environment.js';

export interface Manifest {
  tool: { name: string; version: string };
  command: string[];
  /** The config file as given, and its folder relative to the results folder (csv paths resolve there). */
  config: string | null;
  configDir: string;
  backend: BackendInfo | null;
  node: string;
  platform: string;
  /** The CPU and the level its kernels ran at (what decides native bits); absent in older manifests. */
  machine?: Machine | null;
  seed: number;
  gitCommit: string | null;
  shard: Shard | null;
  /** Set by `merge`: the folders, relative to the merged one. */
  mergedFrom?: string[];
  jobs: number;
  startedAt: string;
  finishedAt: string | null;
  /** How many times `run --resume` continued this folder. */
  resumes: number;
  runsPlanned: number;
  runsCompleted: number;
  complete: boolean;
  runs: { runId: string; seconds: number; backend: string; status: string }[];
}

export function toolVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** The commit of the repository `cwd` is in, or null outside one (or without git). */
export function gitCommit(cwd: string): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

/** The manifest's fields that follow from the runs finished so far. */
export function withRuns(manifest: Manifest, results: readonly RunResult[], finishedAt: string | null): Manifest {
  return {
    ...manifest,
    finishedAt,
    runsCompleted: results.length,
    complete: results.length === manifest.runsPlanned,
    runs: results.map((result) => ({
      runId: result.runId,
      seconds: result.seconds,
      backend: result.backend,
      status: result.status,
    })),
  };
}
