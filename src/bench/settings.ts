/**
 * What `bench` measures and reports, as plain data and pure arithmetic: the settings, the FLOP
 * count of a step and the figures derived from timed windows. No TF.js here, so the command can
 * parse its flags without loading a backend.
 */
import type { BackendInfo } from '../experiments/backend/load.js';
import type { ConcreteBackend } from '../experiments/config/tables.js';

export interface BenchSettings {
  /** Input features: 2, as for the 2-D datasets (spirals) the dead-unit experiments train on. */
  inputDim: number;
  depth: number;
  width: number;
  classes: number;
  batch: number;
  /** Adam's step size; the optimizer is always Adam, as in the default training config. */
  learningRate: number;
  /** Untimed steps first: kernel compilation, allocator warm-up and Adam's slot creation. */
  warmup: number;
  /** Timed steps per window; null = calibrate from the warm-up so a window lasts `windowSeconds`. */
  steps: number | null;
  /** Seconds one timed window aims at when `steps` is null. */
  windowSeconds: number;
  /** Timed windows; the median is reported because a 2-core machine's timings are noisy. */
  repeats: number;
  threads: number;
}

/** The model: depth 8 x width 256, batch 256, Adam 1e-3, 2 inputs and 2 classes. */
export const DEFAULT_BENCH: BenchSettings = {
  inputDim: 2,
  depth: 8,
  width: 256,
  classes: 2,
  batch: 256,
  learningRate: 1e-3,
  warmup: 5,
  steps: null,
  // 5 windows of 0.6 s: about 3 s of timing per backend.
  windowSeconds: 0.6,
  repeats: 5,
  threads: 1,
};

/** Layer sizes, input first: [inputDim, width x depth, classes]. */
function layerSizes(settings: Pick<BenchSettings, 'inputDim' | 'depth' | 'width' | 'classes'>): number[] {
  return [settings.inputDim, ...Array<number>(settings.depth).fill(settings.width), settings.classes];
}

/**
 * Floating-point operations of one training step: 2*in*out per dense layer and example for the
 * forward pass (a multiply and an add per weight), times 3 for forward plus backward (the backward
 * pass does two matrix products per layer: input gradient and weight gradient), times the batch.
 * Activations, loss, bias adds and the optimizer update are not counted.
 */
export function flopsPerStep(
  settings: Pick<BenchSettings, 'inputDim' | 'depth' | 'width' | 'classes' | 'batch'>,
): number {
  const sizes = layerSizes(settings);
  let forward = 0;
  for (let layer = 1; layer < sizes.length; layer++) forward += 2 * sizes[layer - 1] * sizes[layer];
  return 3 * forward * settings.batch;
}

export interface Throughput {
  /** Timed steps per window. */
  steps: number;
  /** Wall time of each window, in order. */
  windowsMs: number[];
  /** Median window over its steps. */
  msPerStep: number;
  samplesPerSecond: number;
  gflopsPerSecond: number;
}

export interface BackendBench extends Throughput {
  backend: BackendInfo;
  tensorsBefore: number;
  tensorsAfter: number;
}

export interface BackendFailure {
  name: ConcreteBackend;
  reason: string;
}

export type TorchOutcome =
  { available: true; version: string; threads: number; throughput: Throughput } | { available: false; reason: string };

export interface BenchReport {
  settings: BenchSettings;
  flopsPerStep: number;
  backends: BackendBench[];
  failures: BackendFailure[];
  /** null when PyTorch was not asked for (--no-torch). */
  torch: TorchOutcome | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** (slowest - fastest) / median window: 0 for steady timings, large when something else ran. */
export function windowSpread(windowsMs: readonly number[]): number {
  return (Math.max(...windowsMs) - Math.min(...windowsMs)) / median(windowsMs);
}

/** Per-step figures from the median window. */
export function throughput(settings: BenchSettings, steps: number, windowsMs: number[]): Throughput {
  const msPerStep = median(windowsMs) / steps;
  return {
    steps,
    windowsMs,
    msPerStep,
    samplesPerSecond: (settings.batch * 1000) / msPerStep,
    gflopsPerSecond: flopsPerStep(settings) / (msPerStep * 1e6),
  };
}

/** Steps that fill a window of `windowSeconds` at `msPerStep`; at least 3 so a window is never one step. */
export function calibratedSteps(msPerStep: number, windowSeconds: number): number {
  return Math.max(3, Math.min(100_000, Math.round((windowSeconds * 1000) / Math.max(msPerStep, 1e-3))));
}
