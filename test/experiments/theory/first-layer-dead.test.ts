/**
 * The first hidden layer at initialisation, zero biases: unit j is dead on the probe set exactly
 * when every probe input x has w_j·x <= 0, i.e. the whole probe set lies in the closed half-space
 * on the dead side of the unit's hyperplane. For a given probe set and isotropic weights that has a
 * closed form, so the measured dead fraction can be checked against it:
 *
 *   1-D: dead iff (w_j > 0 and every x <= 0) or (w_j < 0 and every x >= 0). Given the probe set the
 *        dead count is known exactly from the signs; averaged over probe sets of P inputs from a
 *        symmetric law, E[dead fraction] = 2 · ½ · 2^-P = 2^-P.
 *   2-D: the directions w with w·x <= 0 for all probe x form an arc of length π − α, where α is the
 *        smallest angle of a sector holding every probe input (none if α >= π), so
 *        P(dead | probe) = max(0, π − α) / 2π, independently for each unit.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { loadDataset } from '../../../src/experiments/datasets/index.js';
import { createRng } from '../../../src/experiments/rng.js';
import { trainPack } from '../../../src/experiments/training/train-pack.js';
import { assertShareNear, Z_999 } from '../../helpers/binomial.js';
import { probeDataset, referenceLayers } from '../../helpers/reference-network.js';
import { tinyRunConfig } from '../../helpers/tiny-config.js';

before(() => useBackend('cpu'));

/**
 * Dead units of the first hidden layer of fresh zero-bias networks, each with its seed and its own
 * probe set (rows of inputs, of one size), trained as one pack and measured at initialisation; and
 * each one's layer-1 kernel.
 */
async function firstLayers(
  width: number,
  networks: { seed: number; probe: number[][] }[],
): Promise<{ dead: number; kernel: Float32Array }[]> {
  const members = networks.map(({ seed, probe }) => ({
    config: tinyRunConfig({
      seed,
      model: { width, depth: 1, biasInit: 0 },
      training: { epochs: 0, batchSize: probe.length },
      metrics: { probeSize: probe.length },
    }),
    dataset: probeDataset(probe),
  }));
  const outcomes = await trainPack(members);
  return outcomes.map(({ epochs }, r) => ({
    dead: epochs[0].layers[0].deadUnits,
    kernel: referenceLayers(members[r].config, members[r].dataset.inputDim, 2)[0].kernel,
  }));
}

/** The 1-D rule: units pointing the way no probe input goes are dead. */
function expectedDead1d(kernel: Float32Array, probe: readonly number[]): number {
  const anyPositive = probe.some((x) => x > 0);
  const anyNegative = probe.some((x) => x < 0);
  return Array.from(kernel).filter((w) => (w > 0 && !anyPositive) || (w < 0 && !anyNegative)).length;
}

describe('1-D inputs', () => {
  test("the run's measured layer-1 dead count is the sign rule applied to its own probe set", async () => {
    // Run alone on its own data: the probe rows are re-derived the way the pack picks them, so this
    // also pins down what the probe set is (a seeded subset of the training inputs).
    for (let seed = 1; seed <= 40; seed++) {
      const probeSize = 1 + (seed % 3);
      const config = tinyRunConfig({
        seed,
        dataset: { kind: 'gaussian', inputDim: 1, samples: 10, testFraction: 0, noise: 0 },
        model: { width: 8, depth: 2, biasInit: 0 },
        training: { epochs: 0 },
        metrics: { probeSize },
      });
      const dataset = loadDataset(config.dataset, seed, '.');
      const { kernel } = referenceLayers(config, dataset.inputDim, dataset.outputDim)[0];
      const [{ epochs }] = await trainPack([{ config, dataset }]);
      const rows = createRng(seed, 'probe').permutation(dataset.train.n).slice(0, probeSize);
      const probe = Array.from(rows, (row) => dataset.train.x[row]);
      assert.equal(
        epochs[0].layers[0].deadUnits,
        expectedDead1d(kernel, probe),
        `seed ${seed}, probe [${probe.join(',')}]`,
      );
    }
  });

  for (const probeSize of [1, 2, 3]) {
    test(`P = ${probeSize} probe inputs from N(0, 1): mean dead fraction 2^-${probeSize}`, async () => {
      const [networks, width] = [400, 8];
      const rng = createRng(probeSize, 'probe-test');
      // A fresh probe set per network.
      const probes = Array.from({ length: networks }, () => Array.from({ length: probeSize }, () => rng.normal()));
      const measured = await firstLayers(
        width,
        probes.map((probe, i) => ({ seed: i + 1, probe: probe.map((x) => [x]) })),
      );
      let deadFractionSum = 0;
      measured.forEach(({ dead, kernel }, i) => {
        assert.equal(dead, expectedDead1d(kernel, probes[i]));
        deadFractionSum += dead / width;
      });
      // Per network D = 0 unless the probe is one-signed (probability 2^(1-P)); then D = B/N with
      // B ~ Binomial(N, 1/2), so E[D²] = 2^(1-P) (1/4 + 1/4N) and the mean over networks has
      // standard error sqrt((E[D²] - E[D]²) / networks).
      const expected = 2 ** -probeSize;
      const variance = 2 ** (1 - probeSize) * (0.25 + 0.25 / width) - expected ** 2;
      const half = Z_999 * Math.sqrt(variance / networks);
      const mean = deadFractionSum / networks;
      assert.ok(Math.abs(mean - expected) <= half, `mean dead fraction ${mean}, expected ${expected} ± ${half}`);
    });
  }
});

describe('2-D inputs', () => {
  /** α: the smallest angle of a sector (from the origin) that holds every probe input. */
  function spread(probe: readonly number[][]): number {
    const angles = probe.map(([x, y]) => Math.atan2(y, x)).sort((a, b) => a - b);
    let largestGap = angles[0] + 2 * Math.PI - angles[angles.length - 1];
    for (let i = 1; i < angles.length; i++) largestGap = Math.max(largestGap, angles[i] - angles[i - 1]);
    return 2 * Math.PI - largestGap;
  }

  const probes: [string, number[][]][] = [
    ['one input', [[1, 2]]],
    [
      'two inputs 90° apart',
      [
        [1, 0],
        [0, 3],
      ],
    ],
    [
      'three inputs within 150°',
      [
        [2, 0.1],
        [-1, 1.5],
        [0.3, 1],
      ],
    ],
    [
      'inputs around the origin',
      [
        [1, 0],
        [-1, 0.5],
        [0, -1],
      ],
    ],
  ];
  for (const [name, probe] of probes) {
    const expected = Math.max(0, Math.PI - spread(probe)) / (2 * Math.PI);
    test(`${name}: dead fraction max(0, π − α)/2π = ${expected.toFixed(4)}`, async () => {
      // One wide layer: given the probe, its units are independent draws of that probability.
      const width = 4000;
      const [{ dead }] = await firstLayers(width, [{ seed: 7, probe }]);
      if (expected === 0) assert.equal(dead, 0);
      else assertShareNear(dead, width, expected, 'dead units');
    });
  }
});
