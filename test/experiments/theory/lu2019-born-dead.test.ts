/**
 * Lu et al. 2019's born-dead probability through the whole tool: the shipped config
 * (configs/lu2019-born-dead.yaml), planned and run as `run` does, at one small cell. Width 3, 9
 * hidden layers, He-normal, zero biases, 1-D N(0, 1) inputs: the paper reports 0.58, and an
 * independent simulation (scripts/theory/born-dead-monte-carlo.mjs, 200,000 networks, exact on
 * the whole line) gives 0.5792 ± 0.0011. 400 seeds must land within the 99.9% binomial bound
 * (± 0.081), which also rules out the one-input closed form 1 − (7/8)^9 = 0.699 that a wrong
 * reading of "born dead" (one probe sign only) would give. Deterministic: the seeds are fixed.
 */
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadExperiment } from '../../../src/experiments/config/load.js';
import { executePack } from '../../../src/experiments/execution/run-one.js';
import { packsOf, planPacks } from '../../../src/experiments/sweep/packs.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { assertShareNear } from '../../helpers/binomial.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SEEDS = 400;
const EXPECTED = 0.5792;

test(`born dead at width 3, 9 hidden layers: ${SEEDS} seeds near ${EXPECTED} (paper 0.58)`, async () => {
  const { raw } = loadExperiment(
    'configs/lu2019-born-dead.yaml',
    {
      set: [
        // wasm: ~10 ms a run here, cpu ~25. Zero biases make the verdict depend on the signs of
        // the probe inputs only, so 64 probes give the same answer as 1,000 unless all 64 share
        // a sign (probability 2^-63); that keeps the run small.
        'backend=wasm',
        'dataset.samples=64',
        'metrics.probeSize=64',
        'training.batchSize=64',
      ],
    },
    ROOT,
  );
  // The config sweeps width; this cell keeps width 3 and its own seeds.
  raw.sweep = { 'model.width': [3], seed: Array.from({ length: SEEDS }, (_, i) => i + 1) };
  let bornDead = 0;
  // In packs, as run trains them.
  for (const pack of packsOf(planPacks(planRuns(raw), ROOT))) {
    for (const result of await executePack(pack, { baseDir: ROOT })) if (result.epochs[0].collapsed) bornDead++;
  }
  assertShareNear(bornDead, SEEDS, EXPECTED, 'share born dead');
});
