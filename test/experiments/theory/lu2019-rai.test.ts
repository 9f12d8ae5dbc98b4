/**
 * RAI against born death, through the whole tool: the shipped config with `model.init=rai`, width 2,
 * 9 hidden layers, 1,000 probe inputs, as docs/lu2019.md runs it. He-normal gives 0.88 here; the
 * independent simulation (scripts/theory/born-dead-monte-carlo.mjs --init rai --probes 1000, same
 * law for the probe set, 10,000 networks) gives 0.203 ± 0.004 for "collapsed on 1,000 N(0,1)
 * inputs". 300 seeds must land within the 99.9% binomial bound (± 0.076), which also separates it
 * from the 0.090 of "constant on the whole line". Deterministic: the seeds are fixed.
 */
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadExperiment } from '../../../src/experiments/config/load.js';
import { executePack } from '../../../src/experiments/execution/run-one.js';
import { packsOf, planPacks } from '../../../src/experiments/sweep/packs.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';
import { assertShareNear } from '../../helpers/binomial.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SEEDS = 300;
const EXPECTED = 0.203;

test(`rai: collapsed at width 2, 9 hidden layers, 1,000 probes: ${SEEDS} seeds near ${EXPECTED}`, async () => {
  // wasm: ~13 ms a run with 1,000 probes, against ~55 on cpu. Unlike zero-bias He, RAI's verdict
  // depends on how many probe inputs there are, so the probe set stays the config's 1,000.
  const { raw } = loadExperiment('configs/lu2019-born-dead.yaml', { set: ['model.init=rai', 'backend=wasm'] }, ROOT);
  // The config sweeps width; this cell keeps width 2 and its own seeds.
  raw.sweep = { 'model.width': [2], seed: Array.from({ length: SEEDS }, (_, i) => i + 1) };
  let collapsed = 0;
  // In packs, as run trains them.
  for (const pack of packsOf(planPacks(planRuns(raw), ROOT))) {
    for (const result of await executePack(pack, { baseDir: ROOT })) if (result.epochs[0].collapsed) collapsed++;
  }
  assertShareNear(collapsed, SEEDS, EXPECTED, 'share collapsed');
});
