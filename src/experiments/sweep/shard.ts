/**
 * Deterministic slices of a sweep for CI matrices, Slurm arrays or indexed Kubernetes jobs:
 * shard i of n takes every n-th pack (sweep/packs.ts) starting at the i-th, so shards stay balanced
 * when packs are ordered by size (depth sweeps), every run lands in exactly one shard and a pack
 * is never split. A run without a pack (plans made before packs) is its own.
 */
export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "i/n" with 1 <= i <= n; returns a message on bad input. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `expected i/n, e.g. --shard 2/4, got "${text}"`;
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (count < 1 || index < 1 || index > count)
    return `shard index must be between 1 and ${Math.max(count, 1)}, got "${text}"`;
  return { index, count };
}

export function inShard<T extends { index: number; pack?: number }>(runs: readonly T[], shard: Shard | null): T[] {
  return shard === null ? [...runs] : runs.filter((run) => (run.pack ?? run.index) % shard.count === shard.index - 1);
}
