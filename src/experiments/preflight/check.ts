/**
 * Everything that can be known about a plan before anything is written or trained: every distinct
 * dataset loaded and checked, every run's memory estimated against the limit. `run` calls it before
 * it creates its results folder, `validate` to report the same problems; either way every problem
 * comes back at once, one line each, as a ConfigError (exit 2).
 */
import type { RawExperiment } from '../config/load.js';
import { ConfigError } from '../../errors.js';
import { packOf, type PlannedRun } from '../types.js';
import { datasetGroups, inspectDataset, type DataSummary } from './data.js';
import {
  estimateMemory,
  formatBytes,
  largestPart,
  memoryLimit,
  RUNTIME_BYTES,
  type MemoryEstimate,
  type MemoryLimit,
} from './memory.js';

export interface PreflightOptions {
  /** The folder relative dataset paths resolve against (the config's). */
  baseDir: string;
  /** Who set a config path, to start each problem with: the config file, or the flag that set it. */
  origin: (path: string) => string;
  limit: MemoryLimit;
}

export interface Preflight {
  /** One per distinct dataset config, in plan order. */
  data: DataSummary[];
  /** The run that needs the most memory, and how much. */
  largest: { run: PlannedRun; estimate: MemoryEstimate } | null;
  limit: MemoryLimit;
}

/**
 * preflight() for runs planned from a config as loaded: dataset paths resolve against the config's
 * folder, problems name the file or the flag that set the value, the limit comes from `env`.
 */
export function preflightExperiment(
  raw: RawExperiment,
  runs: readonly PlannedRun[],
  configDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Preflight {
  const origin = (path: string) => raw.flagOrigins.get(path) ?? raw.flagOrigins.get(`sweep.${path}`) ?? raw.source;
  return preflight(runs, { baseDir: configDir, origin, limit: memoryLimit(env) });
}

/** "memory: about 412 MiB at most (r003), within the 22.9 GiB this machine has available" */
export function memoryLine({ largest, limit }: Preflight): string {
  if (largest === null) return 'memory: no run to size';
  const size = `about ${formatBytes(largest.estimate.total)} at most (${largest.run.runId})`;
  return `memory: ${size}, within the ${formatBytes(limit.bytes)} ${limit.source}`;
}

/** Checks `runs`; throws a ConfigError listing every problem found. */
export function preflight(runs: readonly PlannedRun[], options: PreflightOptions): Preflight {
  const problems = new Set<string>();
  const data: DataSummary[] = [];
  const oversized = new Map<string, PlannedRun[]>();
  let largest: Preflight['largest'] = null;
  // A pack (sweep/packs.ts) holds its runs' tensors at once, in one process: their estimates add up.
  const packTotals = new Map<number, number>();
  for (const group of datasetGroups(runs)) {
    let summary: DataSummary;
    try {
      summary = inspectDataset(group.config, group.seed, options.baseDir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Loader problems start with the config path they concern: "dataset.path: data.csv line 3, ...".
      for (const problem of error.problems) problems.add(`${options.origin(problem.split(':')[0])}: ${problem}`);
      continue;
    }
    data.push(summary);
    for (const run of group.runs) {
      const estimate = estimateMemory(run.config, summary);
      packTotals.set(packOf(run), (packTotals.get(packOf(run)) ?? 0) + estimate.total - estimate.parts.runtime);
      if (largest === null || estimate.total > largest.estimate.total) largest = { run, estimate };
      if (estimate.total > options.limit.bytes) {
        // Runs that differ only in seed need the same memory: one line for all of them.
        const key = `${tooLarge(estimate, options.limit)}\u0000${describeSwept(run, ['seed'])}`;
        oversized.set(key, [...(oversized.get(key) ?? []), run]);
      }
    }
  }
  for (const [key, group] of oversized) {
    const [problem, swept] = key.split('\u0000');
    problems.add(
      `${options.origin('')}: ${runNames(group)}${swept ? ` (${swept})` : ''} ${group.length === 1 ? 'needs' : 'need'} ${problem}`,
    );
  }
  if (problems.size === 0) {
    for (const [pack, bytes] of packTotals) {
      const members = runs.filter((run) => packOf(run) === pack);
      if (members.length < 2 || bytes + RUNTIME_BYTES <= options.limit.bytes) continue;
      problems.add(
        `${options.origin('')}: ${runNames(members)}, trained together as one pack, need about ${formatBytes(bytes + RUNTIME_BYTES)} ` +
          `of memory, more than the ${formatBytes(options.limit.bytes)} ${options.limit.source}`,
      );
    }
  }
  if (problems.size > 0) throw new ConfigError([...problems]);
  return { data, largest, limit: options.limit };
}

function tooLarge(estimate: MemoryEstimate, limit: MemoryLimit): string {
  const need = `about ${formatBytes(estimate.total)} of memory, more than the ${formatBytes(limit.bytes)} ${limit.source}`;
  return `${need} (mostly ${largestPart(estimate.parts)})`;
}

/** "model.width=8192, training.batchSize=64" */
function describeSwept(run: PlannedRun, leaveOut: readonly string[]): string {
  return Object.entries(run.swept)
    .filter(([path]) => !leaveOut.includes(path))
    .map(([path, value]) => `${path}=${String(value)}`)
    .join(', ');
}

/** "run r001", "runs r001, r002 and r003", "runs r001, r002 and 8 more" */
function runNames(runs: readonly PlannedRun[]): string {
  const ids = runs.map((run) => run.runId);
  if (ids.length === 1) return `run ${ids[0]}`;
  if (ids.length <= 3) return `runs ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return `runs ${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more`;
}
