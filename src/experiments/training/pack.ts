/**
 * A pack: R runs of one shape trained in lockstep as one batched network. Each run keeps
 * everything of its own: its data, initial weights, probe set, learning rate and records, exactly
 * as if it trained alone; runs never mix (every kernel works run by run). Opened and closed as
 * one: its data, parameters, activation and optimizer state on the device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../config/schema.js';
import type { Dataset } from '../datasets/types.js';
import { activationFamily } from '../model/activation-family.js';
import { createRng } from '../rng.js';
import { disposePackActivation, packActivation, type PackActivation } from './activations.js';
import { disposePackData, uploadPackData, type PackData } from './data.js';
import type { Task } from './network.js';
import { makePackOptimizer, type PackOptimizer } from './optimizer.js';
import { initParams, type InitialLayers, type PackShape, type ParamGroup } from './params.js';

export interface PackMember {
  config: RunConfig;
  dataset: Dataset;
  /** Starting weights instead of the seeded draw: hand-set networks for the tests. */
  initial?: InitialLayers;
}

export interface Pack {
  members: readonly PackMember[];
  shape: PackShape;
  task: Task;
  data: PackData;
  groups: ParamGroup[];
  act: PackActivation;
  optimizer: PackOptimizer;
}

/** Throws unless every member has the shapes of the first: packs are planned so that they do. */
function requireOneShape(members: readonly PackMember[]): void {
  const shape = ({ config, dataset }: PackMember) =>
    JSON.stringify([
      config.model.depth,
      config.model.width,
      config.training.batchSize,
      config.training.epochs,
      config.training.optimizer,
      config.metrics.probeSize,
      dataset.task,
      dataset.inputDim,
      dataset.outputDim,
      dataset.train.n,
      dataset.test.n,
      activationFamily(config.model.activation),
    ]);
  const first = shape(members[0]);
  const other = members.find((member) => shape(member) !== first);
  if (other)
    throw new Error(`a pack holds runs of different shapes (seed ${other.config.seed}): ${shape(other)} vs ${first}`);
}

/** Puts the members on the device: data, probe sets, initial parameters. The caller closes it (closePack). */
export function openPack(members: readonly PackMember[]): Pack {
  requireOneShape(members);
  const { config: first, dataset: firstData } = members[0];
  const { depth, width } = first.model;
  const n = firstData.train.n;
  // Each run's probe set: a seeded subset of its training rows, the same in every epoch.
  const probeRows = members.map(({ config }) =>
    createRng(config.seed, 'probe').permutation(n).slice(0, Math.min(config.metrics.probeSize, n)),
  );
  const data = uploadPackData(
    members.map((member) => member.dataset),
    probeRows,
  );
  const shape = { runs: members.length, inputDim: firstData.inputDim, outputDim: firstData.outputDim, depth, width };
  return {
    members,
    shape,
    task: firstData.task,
    data,
    groups: initParams(
      members.map((member) => member.config),
      shape,
      members.map((member) => member.initial),
    ),
    act: packActivation(
      members.map((member) => member.config.model),
      width,
    ),
    optimizer: makePackOptimizer(members.map((member) => member.config.training)),
  };
}

/** Disposes every tensor the pack holds. */
export function closePack(pack: Pack): void {
  disposePackData(pack.data);
  tf.dispose(pack.groups.map((group) => group.value));
  disposePackActivation(pack.act);
  pack.optimizer.dispose();
}
