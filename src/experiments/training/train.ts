/**
 * One network trained on its own: a pack of one (src/experiments/training/pack/), starting from the
 * weights of `mlp` as they are now. Kept for callers that build an Mlp themselves (the theory
 * tests); `run` trains whole packs through executePack.
 */
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../datasets/types.js';
import type { Mlp } from '../model/mlp.js';
import type { EpochRecord } from '../types.js';
import { trainPack, type TrainOutcome } from './pack/train-pack.js';

export type { TrainOutcome };

export interface TrainHooks {
  onEpoch?: (record: EpochRecord) => void;
  /** Checked between steps: an aborted run throws the signal's reason and leaves nothing behind. */
  signal?: AbortSignal;
}

/**
 * Trains a network with `mlp`'s current weights on `dataset` as `config` says, measuring after
 * every epoch. `mlp`'s variables are read, not updated: the trained weights live in the pack.
 */
export async function train(mlp: Mlp, dataset: Dataset, config: RunConfig, hooks: TrainHooks = {}): Promise<TrainOutcome> {
  const initial = [...mlp.hidden, mlp.output].map((layer) => ({
    kernel: layer.kernel.dataSync() as Float32Array,
    bias: layer.bias.dataSync() as Float32Array,
  }));
  const [outcome] = await trainPack([{ config, dataset, initial }], { onEpoch: (_, record) => hooks.onEpoch?.(record), signal: hooks.signal });
  return outcome;
}
