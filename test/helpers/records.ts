/**
 * Hand-built records with round numbers, so formatted output can be written out by hand.
 */
import type { ConfigurationSummary, RunSummary } from '../../src/metrics/aggregate.js';
import type { Comparison } from '../../src/metrics/comparisons.js';
import { tinyRunConfig } from './tiny-config.js';
import type { EpochRecord, LayerRecord, RunResult } from '../../src/experiments/types.js';

type LayerValues = [
  units: number,
  dead: number,
  nearDead: number,
  activeRate: number,
  revived: number,
  newlyDead: number,
  gradNorm: number,
];

/** A layer record from its counts; the fractions follow from them. */
export function layerRecord(
  layer: number,
  [units, dead, nearDead, activeRate, revived, newlyDead, gradNorm]: LayerValues,
): LayerRecord {
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
      epoch: 0,
      loss: 0.75,
      trainAccuracy: 0.5,
      testLoss: 0.8,
      testAccuracy: 0.45,
      deadFraction: 0.125,
      collapsed: false,
      layers: [layerRecord(1, [4, 0, 1, 0.5, 0, 0, 0.1]), layerRecord(2, [4, 1, 1, 0.375, 0, 0, 0.2])],
    },
    {
      epoch: 1,
      loss: 0.5,
      trainAccuracy: 0.75,
      testLoss: null,
      testAccuracy: null,
      deadFraction: 0.25,
      collapsed: false,
      layers: [layerRecord(1, [4, 1, 1, 0.4, 0, 1, 0.3]), layerRecord(2, [4, 1, 2, 1 / 3, 1, 1, 0.05])],
    },
  ];
  return {
    runId: 'r000-relu-s1',
    index: 0,
    swept: { 'model.activation': 'relu', seed: 1 },
    config: tinyRunConfig({ seed: 1 }),
    status: 'ok',
    divergedAtEpoch: null,
    epochs,
    task: 'classification',
    backend: 'cpu',
    seconds: 1.5,
  };
}

/** Seed 2 of relu: born dead (layer 2 entirely dead at init), then diverged at epoch 1. */
export function divergedRun(): RunResult {
  const epochs: EpochRecord[] = [
    {
      epoch: 0,
      loss: 0.7,
      trainAccuracy: 0.5,
      testLoss: 0.7,
      testAccuracy: 0.5,
      deadFraction: 0.5,
      collapsed: true,
      layers: [layerRecord(1, [4, 0, 0, 0.5, 0, 0, 0.1]), layerRecord(2, [4, 4, 4, 0, 0, 0, 0])],
    },
    {
      epoch: 1,
      loss: Number.NaN,
      trainAccuracy: 0.5,
      testLoss: Number.NaN,
      testAccuracy: 0.5,
      deadFraction: 0.75,
      collapsed: true,
      layers: [layerRecord(1, [4, 2, 2, 0.25, 0, 2, 0.5]), layerRecord(2, [4, 4, 4, 0, 0, 0, 0])],
    },
  ];
  return {
    runId: 'r001-relu-s2',
    index: 1,
    swept: { 'model.activation': 'relu', seed: 2 },
    config: tinyRunConfig({ seed: 2 }),
    status: 'diverged',
    divergedAtEpoch: 1,
    epochs,
    task: 'classification',
    backend: 'cpu',
    seconds: 2,
  };
}

/** A run summary as summarizeRun would give it, with overrides. */
export function runSummary(overrides: Partial<RunSummary>): RunSummary {
  return {
    runId: 'r000',
    swept: {},
    seed: 1,
    status: 'ok',
    divergedAtEpoch: null,
    collapsedAtInit: false,
    deadAtInit: 0.1,
    deadFinal: 0.2,
    layerDeadAtInit: [0, 0.2],
    layerDeadFinal: [0.1, 0.3],
    loss: 0.5,
    trainAccuracy: 0.8,
    testAccuracy: 0.75,
    seconds: 1,
    ...overrides,
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
    deadAtInit: { n: 3, mean: 0.125, std: 0.05, low: 0.06, high: 0.22 },
    deadFinal: { n: 3, mean: 0.166, std: 0.0085, low: 0.147, high: 0.187 },
    // A narrow interval, nearly symmetric as the log-scale one is when the standard error is small.
    loss: { n: 3, mean: 0.41234, std: 0.005, low: 0.40004, high: 0.42464 },
    trainAccuracy: { n: 0, mean: Number.NaN, std: null, low: null, high: null },
    testAccuracy: { n: 3, mean: 0.9, std: 0.02, low: 0.83, high: 0.95 },
    layerDeadAtInit: [0, 0.25],
    layerDeadFinal: [0, 0.1, 0.5, 1],
    collapsedAtInit: 1,
    // Wilson's interval for 1 of 3.
    collapsedAtInitInterval: { low: 0.06149194, high: 0.7923404 },
    diverged: 0,
    unstable: 0,
    ...overrides,
  };
}

/**
 * leaky_relu alpha=0.01 compared with relu over seeds 1-3 (seed 4 only on one side): the final
 * dead fraction of test/metrics/comparisons.test.ts, and round test accuracies.
 */
export function leakyComparison(overrides: Partial<Comparison> = {}): Comparison {
  return {
    key: { 'model.activation': 'leaky_relu', 'model.alpha': 0.01 },
    baselineKey: { 'model.activation': 'relu', 'model.alpha': null },
    seeds: [1, 2, 3],
    unpairedSeeds: [4],
    divergedSeeds: [],
    deadAtInit: { n: 3, mean: 0, std: 0, low: 0, high: 0 },
    deadFinal: { n: 3, mean: -0.2, std: 0.05, low: -0.3204209, high: -0.0732177 },
    loss: { n: 3, mean: -0.0233333, std: 0.0152753, low: -0.0612796, high: 0.0146129 },
    trainAccuracy: { n: 0, mean: Number.NaN, std: null, low: null, high: null },
    testAccuracy: { n: 3, mean: 0.05, std: 0.01, low: 0.0251325, high: 0.0748056 },
    ...overrides,
  };
}
