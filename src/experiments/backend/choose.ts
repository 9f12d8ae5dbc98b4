/**
 * How `auto` chooses a backend, as pure functions of the plan: native kernels from a certain amount
 * of work per pack step, WebAssembly below it, cpu last. Loading what it chooses is load.ts's job.
 */
import type { RunConfig } from '../config/schema.js';
import type { ConcreteBackend } from '../config/tables.js';
import { packOf } from '../types.js';

/**
 * Work per training step of a pack (runs × width² × batch size, src/experiments/sweep/packs.ts)
 * from which native kernels beat WebAssembly. tfjs-node pays several microseconds more per kernel
 * than WebAssembly, and a pack's step runs the same few hundred kernels whatever its size, so
 * small packs of small layers are overhead-bound. Measured with scripts/bench/profile-step.ts
 * (packed step, depth 8, batch 64, Adam, 2 cores under load): 9 runs of width 4 (9,216): wasm
 * 2.4 ms a step, native 4.8; 1 run of width 16 (16,384): 3.9 and 4.2; 9 runs of width 16
 * (147,456): wasm 11.3, native 4.8; 1 run of width 64 (262,144): 12.6 and 9.8. Before packing the
 * threshold was 2^18 per run (configs/deep.json then ran on wasm; packed, native takes 7.4 s
 * against wasm's 16.9).
 */
export const NATIVE_MIN_STEP_WORK = 2 ** 15;

/** The order `auto` tries backends in for a given step size: fastest first. */
export function autoOrder(stepWork: number): ConcreteBackend[] {
  return stepWork >= NATIVE_MIN_STEP_WORK ? ['tensorflow', 'wasm', 'cpu'] : ['wasm', 'tensorflow', 'cpu'];
}

/** Multiply-adds per example and hidden layer pair, times the batch: what one run's step costs. */
export function stepWork(config: Pick<RunConfig, 'model' | 'training'>): number {
  return config.model.width ** 2 * config.training.batchSize;
}

/** The step of one pack: how many runs train in it, at what width and batch size. */
export interface PackStep {
  runs: number;
  width: number;
  batchSize: number;
}

/** runs × width² × batch: what `auto` compares with NATIVE_MIN_STEP_WORK. */
export function packStepWork(step: PackStep): number {
  return step.runs * step.width ** 2 * step.batchSize;
}

/**
 * The step that decides `auto` for a whole plan: of the runs that ask for auto, the pack whose step
 * does most (the first such on a tie). Runs of other backends do not count. null when none asks.
 */
export function largestAutoStep(plan: readonly { config: RunConfig; index: number; pack?: number }[]): PackStep | null {
  const packs = new Map<number, RunConfig[]>();
  for (const run of plan) {
    if (run.config.backend === 'auto') packs.set(packOf(run), [...(packs.get(packOf(run)) ?? []), run.config]);
  }
  const steps = [...packs.values()].map((configs) => ({
    runs: configs.length,
    width: configs[0].model.width,
    batchSize: configs[0].training.batchSize,
  }));
  return steps.reduce<PackStep | null>(
    (best, step) => (best === null || packStepWork(step) > packStepWork(best) ? step : best),
    null,
  );
}

/** The plan with `auto` replaced by `backend` in every run that asked for it; the input is not changed. */
export function withAutoResolved<T extends { config: RunConfig }>(plan: readonly T[], backend: ConcreteBackend): T[] {
  return plan.map((run) => (run.config.backend === 'auto' ? { ...run, config: { ...run.config, backend } } : run));
}

/**
 * Why `auto` chose what it did, for the run header: "auto: native is faster from runs×width²×batch
 * 2^15 per pack step (largest here 9×16²×64)", plus each faster backend that did not load and why.
 */
export function autoReason(
  largest: { runs?: number; width: number; batchSize: number },
  chosen: ConcreteBackend,
  failed: readonly (readonly [ConcreteBackend, string])[] = [],
): string {
  const step = { ...largest, runs: largest.runs ?? 1 };
  const threshold = `runs×width²×batch 2^${Math.log2(NATIVE_MIN_STEP_WORK)} per pack step`;
  const here = `largest here ${step.runs}×${step.width}²×${step.batchSize}`;
  const why =
    autoOrder(packStepWork(step))[0] === 'tensorflow'
      ? `native is faster from ${threshold} (${here})`
      : `${chosen === 'wasm' ? '' : 'wasm is '}faster than native below ${threshold} (${here})`;
  return `auto: ${[why, ...failed.map(([name, reason]) => `${name} did not load (${reason})`)].join('; ')}`;
}
