/**
 * Packs: the runs of a sweep that share every tensor shape train together as one batched network
 * (src/experiments/training/), so a step costs a handful of kernels for all of them instead
 * of a few hundred per run. A pack is a property of the plan, worked out from the config and the
 * shapes of its data alone, never from --jobs, --shard or the machine: jobs and shards share out
 * whole packs, and the plan records each run's pack so `--resume` and `reproduce` re-form it.
 */
import { canonicalJson } from '../config/canonical-json.js';
import type { RunConfig } from '../config/schema.js';
import { ConfigError } from '../../errors.js';
import { activationFamily } from '../model/activation-family.js';
import { datasetGroups, inspectDataset } from '../preflight/data.js';
import { estimateMemory, MIB, RUNTIME_BYTES, type DataShape } from '../preflight/memory.js';
import { packOf, type PlannedRun } from '../types.js';

/**
 * Tensor memory one pack may take (the runtime's ~400 MiB aside): the per-run estimate of the
 * pre-flight check (weights, optimizer state, gradients, a batch, a chunk of the measurement and
 * the data) times the pack's runs. 1 GiB keeps a pack plus the runtime under 1.5 GiB,
 * a few per machine even with --jobs 2; a width-256 MNIST run (~0.5 GiB of data alone) packs by two.
 */
const PACK_MEMORY_BYTES = 1024 * MIB;

/**
 * At most this many runs per pack, however small they are: past a few hundred the per-kernel
 * overhead a pack saves is already negligible, and smaller packs spread a sweep over --jobs.
 */
export const MAX_PACK_RUNS = 256;

/**
 * What runs of one pack must share: everything that fixes a tensor's shape or the kernels a step
 * runs. Seed, alpha, learning rate, momentum, initialiser and bias init may differ. The dataset
 * config decides the data's shape (seeds only change values and the split's order).
 */
function packKey(config: RunConfig): string {
  return canonicalJson({
    backend: config.backend,
    dataset: config.dataset,
    depth: config.model.depth,
    width: config.model.width,
    family: activationFamily(config.model.activation),
    batchSize: config.training.batchSize,
    epochs: config.training.epochs,
    optimizer: config.training.optimizer,
    probeSize: config.metrics.probeSize,
  });
}

/** Runs a pack of `config`'s kind may hold within PACK_MEMORY_BYTES (at least 1; 1 when the data's shape is unknown). */
export function packCapacity(config: RunConfig, shape: DataShape | null): number {
  if (shape === null) return 1;
  const perRun = estimateMemory(config, shape).total - RUNTIME_BYTES;
  return Math.max(1, Math.min(MAX_PACK_RUNS, Math.floor(PACK_MEMORY_BYTES / Math.max(perRun, 1))));
}

/**
 * Gives every run its pack: runs with equal packKey, in plan order, split into as few packs as
 * the capacity allows, of sizes differing by at most one. Packs are numbered by their first run.
 */
export function assignPacks<T extends PlannedRun>(plan: readonly T[], shapeOf: (run: T) => DataShape | null): T[] {
  const groups = new Map<string, T[]>();
  for (const run of plan) {
    const key = packKey(run.config);
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  const numbers = new Map<string, number>();
  const chunks: T[][] = [];
  for (const group of groups.values()) {
    const count = Math.ceil(group.length / packCapacity(group[0].config, shapeOf(group[0])));
    for (let chunk = 0; chunk < count; chunk++) {
      chunks.push(group.filter((_, i) => Math.floor((i * count) / group.length) === chunk));
    }
  }
  chunks.sort((a, b) => a[0].index - b[0].index);
  chunks.forEach((chunk, pack) => chunk.forEach((run) => numbers.set(run.runId, pack)));
  return plan.map((run) => ({ ...run, pack: numbers.get(run.runId)! }));
}

/** The runs grouped into their packs, packs in order of their first run, runs in plan order. */
export function packsOf<T extends Pick<PlannedRun, 'pack' | 'index'>>(runs: readonly T[]): T[][] {
  const packs = new Map<number, T[]>();
  for (const run of [...runs].sort((a, b) => a.index - b.index)) {
    const pack = packOf(run);
    const members = packs.get(pack);
    if (members) members.push(run);
    else packs.set(pack, [run]);
  }
  return [...packs.values()];
}

/** Takes the next pack off the front of `queue` (packs one after another): its first run and every run after it of the same pack. */
export function nextPack<T extends Pick<PlannedRun, 'pack' | 'index'>>(queue: T[]): T[] | undefined {
  const first = queue.shift();
  if (!first) return undefined;
  const pack = [first];
  while (queue.length > 0 && packOf(queue[0]) === packOf(first)) pack.push(queue.shift()!);
  return pack;
}

/** "r002", or "r002 (pack of 9)": how messages name a pack. */
export function packLabel(pack: readonly Pick<PlannedRun, 'runId'>[]): string {
  return pack.length === 1 ? pack[0].runId : `${pack[0].runId} (pack of ${pack.length})`;
}

/**
 * The plan with every run's pack, each distinct dataset looked at once for its shape (as the
 * pre-flight check does). A dataset that cannot be read leaves its runs unpacked: the pre-flight
 * check then reports it.
 */
export function planPacks<T extends PlannedRun>(plan: readonly T[], baseDir: string): T[] {
  const shapes = new Map<string, DataShape | null>();
  for (const group of datasetGroups(plan)) {
    let shape: DataShape | null = null;
    try {
      shape = inspectDataset(group.config, group.seed, baseDir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
    shapes.set(canonicalJson(group.config), shape);
  }
  return assignPacks(plan, (run) => shapes.get(canonicalJson(run.config.dataset)) ?? null);
}
