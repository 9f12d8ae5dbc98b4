/**
 * Hand-built records with round numbers, so formatted output can be written out by hand.
 */
import type { ConfigurationSummary, RunSummary } from '../../src/metrics/aggregate.js';
import { tinyRunConfig } from './tiny-config.js';
import type { EpochRecord, LayerRecord, RunResult } from '../../src/experiments/types.js';

type LayerValues = [units: number, dead: number, nearDead: number, activeRate: number, revived: number, newlyDead: number, gradNorm: number];

/** A layer record from its counts; the fractions follow from them. */
export function layerRecord(layer: number, [units, dead, nearDead, activeRate, revived, newlyDead, gradNorm]: LayerValues): LayerRecord {
  return {
    layer,
    units,
    deadUnits: dead,
    nearDeadUnits: nearDead,
    deadFraction: dead / units,
    nearDeadFraction: nearDead / units,
    activeRate,
    revived,
    newlyDead,
    gradNorm,
  };
}

/**
 * Seed 1 of relu, two hidden layers of 4 units: epoch 0 and one trained epoch, during which unit
 * deaths and one revival happen.
 */
export function reluRun(): RunResult {
  const epochs: EpochRecord[] = [
    {
      epoch: 0, loss: 0.75, trainAccuracy: 0.5, testLoss: 0.8, testAccuracy: 0.45, deadFraction: 0.125, collapsed: false,
      layers: [layerRecord(1, [4, 0, 1, 0.5, 0, 0, 0.1]), layerRecord(2, [4, 1, 1, 0.375, 0, 0, 0.2])],
    },
    {
      epoch: 1, loss: 0.5, trainAccuracy: 0.75, testLoss: null, testAccuracy: null, deadFraction: 0.25, collapsed: false,
      layers: [layerRecord(1, [4, 1, 1, 0.4, 0, 1, 0.3]), layerRecord(2, [4, 1, 2, 1 / 3, 1, 1, 0.05])],
    },
  ];
  return {
    runId: 'r000-relu-s1', index: 0, swept: { 'model.activation': 'relu', seed: 1 }, config: tinyRunConfig({ seed: 1 }),
    status: 'ok', divergedAtEpoch: null, epochs, task: 'classification', backend: 'cpu', seconds: 1.5,
  };
}

/** Seed 2 of relu: born dead (layer 2 entirely dead at init), then diverged at epoch 1. */
export function divergedRun(): RunResult {
  const epochs: EpochRecord[] = [
    {
      epoch: 0, loss: 0.7, trainAccuracy: 0.5, testLoss: 0.7, testAccuracy: 0.5, deadFraction: 0.5, collapsed: true,
      layers: [layerRecord(1, [4, 0, 0, 0.5, 0, 0, 0.1]), layerRecord(2, [4, 4, 4, 0, 0, 0, 0])],
    },
    {
      epoch: 1, loss: Number.NaN, trainAccuracy: 0.5, testLoss: Number.NaN, testAccuracy: 0.5, deadFraction: 0.75, collapsed: true,
      layers: [layerRecord(1, [4, 2, 2, 0.25, 0, 2, 0.5]), layerRecord(2, [4, 4, 4, 0, 0, 0, 0])],
    },
  ];
  return {
    runId: 'r001-relu-s2', index: 1, swept: { 'model.activation': 'relu', seed: 2 }, config: tinyRunConfig({ seed: 2 }),
    status: 'diverged', divergedAtEpoch: 1, epochs, task: 'classification', backend: 'cpu', seconds: 2,
  };
}

/** A run summary as summarizeRun would give it, with overrides. */
export function runSummary(overrides: Partial<RunSummary>): RunSummary {
  return {
    runId: 'r000', swept: {}, seed: 1, status: 'ok', divergedAtEpoch: null, collapsedAtInit: false, deadAtInit: 0.1,
    deadFinal: 0.2, layerDeadAtInit: [0, 0.2], layerDeadFinal: [0.1, 0.3], loss: 0.5, trainAccuracy: 0.8,
    testAccuracy: 0.75, seconds: 1, ...overrides,
  };
}

/**
 * Three seeds of leaky_relu alpha=0.01 with round summaries: one seed born dead, and no finite
 * training accuracy (n = 0) so the empty-statistic path shows.
 */
export function leakyConfiguration(overrides: Partial<ConfigurationSummary> = {}): ConfigurationSummary {
  return {
    key: { 'model.activation': 'leaky_relu', 'model.alpha': 0.01 },
    runIds: ['r000', 'r001', 'r002'],
    seeds: [1, 2, 3],
    deadAtInit: { n: 3, mean: 0.125, std: 0.05, ci95: 0.124 },
    deadFinal: { n: 3, mean: 0.166, std: 0.0085, ci95: 0.021 },
    loss: { n: 3, mean: 0.41234, std: 0.005, ci95: 0.0123 },
    trainAccuracy: { n: 0, mean: Number.NaN, std: null, ci95: null },
    testAccuracy: { n: 3, mean: 0.9, std: 0.02, ci95: 0.05 },
    layerDeadAtInit: [0, 0.25],
    layerDeadFinal: [0, 0.1, 0.5, 1],
    collapsedAtInit: 1,
    diverged: 0,
    ...overrides,
  };
}
