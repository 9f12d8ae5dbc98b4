/**
 * The training loop of a pack (pack.ts): a measurement at initialisation, then each epoch a pass
 * of training steps over every run's rows in its own seeded order, then a measurement. A run that
 * diverges is recorded and left behind without touching the others.
 */
import { createRng } from '../rng.js';
import type { EpochRecord } from '../types.js';
import { measurePack, type RunMeasurement } from './measure.js';
import { isLive, recordEpoch, type RunProgress, type TrainOutcome } from './outcome.js';
import { trainsWithTwin } from './kernels.js';
import { closePack, openPack, type Pack, type PackMember } from './pack.js';
import { trainingPass, type NormSums } from './step.js';

export interface PackHooks {
  /** Each run's records as they are measured; `member` indexes the pack's members. */
  onEpoch?: (member: number, record: EpochRecord) => void;
  /** Checked between steps: an aborted pack throws the signal's reason and leaves nothing behind. */
  signal?: AbortSignal;
}

/** Longest stretch of training steps between two chances for a signal handler to run. */
const YIELD_MS = 200;

/** Before each step: every YIELD_MS, a turn of the event loop for signal handlers, then a check of the signal. */
function stepYielder(signal: AbortSignal | undefined): () => Promise<void> {
  let lastYield = performance.now();
  return async () => {
    if (performance.now() - lastYield < YIELD_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastYield = performance.now();
    signal?.throwIfAborted();
  };
}

/** Trains every member as its config says, measuring after every epoch. Disposes all it creates. */
export async function trainPack(members: readonly PackMember[], hooks: PackHooks = {}): Promise<TrainOutcome[]> {
  const { config, dataset } = members[0];
  const rows = Math.min(config.training.batchSize, dataset.train.n);
  // The twin's records are the run's own (a run trains alike in any pack): only its hooks are dropped.
  const twin = trainsWithTwin({ runs: members.length, rows, width: config.model.width });
  const pack = openPack(twin ? [members[0], members[0]] : members);
  const runs: RunProgress[] = pack.members.map(() => ({ outcome: { epochs: [], divergedAtEpoch: null } }));
  const shuffles = pack.members.map(({ config }) => createRng(config.seed, 'shuffle'));
  const epochHooks: PackHooks = {
    ...hooks,
    onEpoch: (member, record) => {
      if (member < members.length) hooks.onEpoch?.(member, record);
    },
  };
  const beforeStep = stepYielder(hooks.signal);
  try {
    // At initialisation the gradient is measured on the probe set without taking a step.
    await measureEpoch(pack, runs, 0, await trainingPass(pack, pack.data.probeRows, { update: false, beforeStep }), {
      ...epochHooks,
      beforeChunk: beforeStep,
    });
    const { epochs } = members[0].config.training;
    for (let epoch = 1; epoch <= epochs && runs.some(isLive); epoch++) {
      await new Promise((resolve) => setImmediate(resolve));
      hooks.signal?.throwIfAborted();
      // Every run draws its own order, diverged ones too, so nothing depends on who diverged.
      const orders = shuffles.map((shuffle) => shuffle.permutation(pack.data.n));
      await measureEpoch(pack, runs, epoch, await trainingPass(pack, orders, { update: true, beforeStep }), {
        ...epochHooks,
        beforeChunk: beforeStep,
      });
    }
    return runs.slice(0, members.length).map((run) => run.outcome);
  } finally {
    closePack(pack);
  }
}

/** Measures the pack and records epoch `epoch` of every run still live. */
async function measureEpoch(
  pack: Pack,
  runs: readonly RunProgress[],
  epoch: number,
  norms: NormSums,
  hooks: PackHooks & { beforeChunk: () => Promise<void> },
): Promise<void> {
  let measurements: RunMeasurement[];
  try {
    measurements = await measurePack(pack, norms, hooks.beforeChunk);
  } finally {
    norms.sums.dispose();
  }
  measurements.forEach((measurement, r) => {
    if (!isLive(runs[r])) return;
    const { metrics } = pack.members[r].config;
    const probe = { probeCount: pack.data.probeRows[r].length, nearDeadThreshold: metrics.nearDeadThreshold };
    const record = recordEpoch(runs[r], epoch, measurement, probe);
    hooks.onEpoch?.(r, record);
  });
}
