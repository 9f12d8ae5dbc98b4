/**
 * With zero biases, a hidden layer maps a nonzero input to all zeros with probability exactly 2^-N
 * (N units, symmetric weights), whatever reached it, as long as what reached it is not already
 * zero: each unit's w·h is a symmetric continuous variable, independent across units given h. So
 * one fixed input is zeroed by some layer of H with probability exactly 1 − (1 − 2^-N)^H, for any
 * input dimension. Checked on many seeded networks, trained as one pack and measured by the tool
 * at initialisation: the share of networks with a layer all ≤ 0 at that input must sit within a
 * 99.9% binomial bound.
 */
import { before, test } from 'node:test';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import { assertShareNear } from '../../helpers/binomial.js';
import { probeDataset } from '../../helpers/reference-network.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

const NETWORKS = 1500;

/** How many of NETWORKS seeded networks have a hidden layer with z <= 0 in every unit at `input` (a "collapsed" one-input probe). */
async function killed(
  width: number,
  depth: number,
  init: 'he_normal' | 'he_uniform',
  input: number[],
): Promise<number> {
  const dataset = probeDataset([input]);
  const members = Array.from({ length: NETWORKS }, (_, i) => ({
    config: tinyRunConfig({
      seed: i + 1,
      model: { width, depth, init, biasInit: 0 },
      training: { epochs: 0, batchSize: 1 },
      metrics: { probeSize: 1 },
    }),
    dataset,
  }));
  const outcomes = await trainPack(members);
  return outcomes.filter(({ epochs }) => epochs[0].layers.some((layer) => layer.deadUnits === layer.units)).length;
}

const closedForm = (width: number, depth: number) => 1 - (1 - 2 ** -width) ** depth;

for (const { width, depth, init, input } of [
  { width: 2, depth: 4, init: 'he_normal', input: [0.7] },
  { width: 3, depth: 9, init: 'he_normal', input: [-1.3] },
  // Any symmetric law and any input dimension: uniform weights, a 3-D input.
  { width: 2, depth: 3, init: 'he_uniform', input: [0.5, -2, 1] },
] as const) {
  const expected = `1 − (1 − 2^-${width})^${depth} = ${closedForm(width, depth).toFixed(4)}`;
  test(`${init}, width ${width}, ${depth} hidden layers, input [${input.join(',')}]: P(zeroed) = ${expected}`, async () => {
    assertShareNear(
      await killed(width, depth, init, [...input]),
      NETWORKS,
      closedForm(width, depth),
      'share of networks zeroing the input',
    );
  });
}
