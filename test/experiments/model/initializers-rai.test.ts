/**
 * Randomized asymmetric initialisation (Lu et al. 2019): per unit, fan_in weights and a bias from
 * N(0, 0.6007²/fan_in), then exactly one of those fan_in + 1 entries replaced by a Beta(2,1) draw.
 * A tap on the seeded stream records which slot each unit chose and the uniform behind each Beta
 * draw, so every entry's origin is known and each part of the law is checked on its own. Seeded,
 * so deterministic; statistical bounds are 4 to 5 standard errors wide.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRawExperiment } from '../../../src/experiments/config/load.js';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import { betaTwoOne, initKernel, initLayer, initRai, RAI_SIGMA } from '../../../src/experiments/model/initializers.js';
import { createRng, type Rng } from '../../../src/experiments/rng.js';
import { planRuns } from '../../../src/experiments/sweep/plan.js';

/** The real stream, with the slots (`int`) and the uniforms behind the Beta draws written down. */
function tappedRng(seed: number): { rng: Rng; slots: number[]; uniforms: number[] } {
  const inner = createRng(seed, 'init');
  const slots: number[] = [];
  const uniforms: number[] = [];
  const rng: Rng = {
    ...inner,
    int: (n) => {
      const slot = inner.int(n);
      slots.push(slot);
      return slot;
    },
    uniform: () => {
      const u = inner.uniform();
      uniforms.push(u);
      return u;
    },
  };
  return { rng, slots, uniforms };
}

/** Unit j's row as RAI sees it: its fanIn weights (column j of the row-major kernel), then its bias. */
const row = (kernel: Float32Array, bias: Float32Array, fanIn: number, fanOut: number, unit: number) => [
  ...Array.from({ length: fanIn }, (_, input) => kernel[input * fanOut + unit]),
  bias[unit],
];

const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;

describe('rai: the law of each entry', () => {
  const FAN_IN = 9;
  const FAN_OUT = 20_000;
  const { rng, slots, uniforms } = tappedRng(1);
  const { kernel, bias } = initRai(FAN_IN, FAN_OUT, rng);
  const asymmetric: number[] = [];
  const symmetric: number[] = [];
  for (let unit = 0; unit < FAN_OUT; unit++) {
    row(kernel, bias, FAN_IN, FAN_OUT, unit).forEach((value, slot) =>
      (slot === slots[unit] ? asymmetric : symmetric).push(value),
    );
  }

  test('each unit draws one slot among its fan_in + 1 entries, and that entry is the Beta draw', () => {
    assert.equal(slots.length, FAN_OUT);
    assert.equal(uniforms.length, FAN_OUT);
    // Float32 storage of sqrt(u): the entry is that number, rounded once.
    asymmetric.forEach((value, unit) => assert.equal(value, Math.fround(Math.sqrt(uniforms[unit]))));
  });

  test('the slot is uniform over the fan_in weights and the bias', () => {
    const counts = new Array(FAN_IN + 1).fill(0);
    slots.forEach((slot) => counts[slot]++);
    const expected = FAN_OUT / (FAN_IN + 1);
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
    assert.ok(chiSquare < 27.88, `chi-square ${chiSquare.toFixed(2)} over counts ${counts.join(',')}`);
  });

  test('the asymmetric entries are Beta(2,1): mean 2/3, CDF x²', () => {
    // Beta(2,1) has variance 1/18; the mean's standard error over 20,000 draws is 0.0017.
    assert.ok(Math.abs(mean(asymmetric) - 2 / 3) < 5 * Math.sqrt(1 / 18 / FAN_OUT), `mean ${mean(asymmetric)}`);
    // Kolmogorov-Smirnov against F(x) = x²; the 0.1% critical value is 1.95 / sqrt(n).
    const sorted = [...asymmetric].sort((a, b) => a - b);
    const ks = sorted.reduce(
      (worst, x, i) => Math.max(worst, Math.abs(x * x - i / sorted.length), Math.abs(x * x - (i + 1) / sorted.length)),
      0,
    );
    assert.ok(ks < 1.95 / Math.sqrt(sorted.length), `KS distance ${ks}`);
    assert.ok(asymmetric.every((value) => value >= 0 && value <= 1));
  });

  test('every other entry, weights and biases alike, is N(0, 0.6007²/fan_in)', () => {
    const variance = RAI_SIGMA ** 2 / FAN_IN;
    const n = symmetric.length;
    const sampleVariance = symmetric.reduce((sum, x) => sum + x * x, 0) / n;
    // The variance of a normal sample's variance is 2σ⁴/n.
    assert.ok(
      Math.abs(sampleVariance - variance) < 5 * variance * Math.sqrt(2 / n),
      `variance ${sampleVariance}, expected ${variance}`,
    );
    assert.ok(Math.abs(mean(symmetric)) < 5 * Math.sqrt(variance / n), `mean ${mean(symmetric)}`);
    // Symmetric: half below zero (a Beta entry left in here would pull it down).
    const negative = symmetric.filter((x) => x < 0).length / n;
    assert.ok(Math.abs(negative - 0.5) < 5 * Math.sqrt(0.25 / n), `share negative ${negative}`);
  });

  test("biases not chosen as the slot share the weights' law; a tenth of them are the Beta draw", () => {
    const biasSlot = slots.filter((slot) => slot === FAN_IN).length / FAN_OUT;
    assert.ok(Math.abs(biasSlot - 0.1) < 5 * Math.sqrt(0.09 / FAN_OUT), `bias chosen for ${biasSlot} of units`);
    const plain = Array.from(bias).filter((_, unit) => slots[unit] !== FAN_IN);
    const variance = RAI_SIGMA ** 2 / FAN_IN;
    const sampleVariance = plain.reduce((sum, x) => sum + x * x, 0) / plain.length;
    assert.ok(
      Math.abs(sampleVariance - variance) < 5 * variance * Math.sqrt(2 / plain.length),
      `bias variance ${sampleVariance}`,
    );
  });
});

describe('rai: wiring', () => {
  test('Beta(2,1) by inversion: sqrt of the uniform', () => {
    const rng = createRng(3, 'x');
    const again = createRng(3, 'x');
    for (let i = 0; i < 100; i++) assert.equal(betaTwoOne(rng), Math.sqrt(again.uniform()));
  });

  test('initLayer draws rai biases itself and ignores biasInit; the same seed gives the same layer', () => {
    const a = initLayer('rai', 4, 6, 0.5, createRng(2, 'init'));
    const b = initLayer('rai', 4, 6, null, createRng(2, 'init'));
    assert.deepEqual(a, b);
    assert.ok(new Set(a.bias).size === 6, 'every unit has its own bias');
    assert.notDeepEqual(a, initLayer('rai', 4, 6, null, createRng(3, 'init')));
  });

  test('other schemes: the kernel of initKernel and every bias biasInit, as before rai existed', () => {
    const layer = initLayer('he_normal', 4, 6, -0.25, createRng(2, 'init'));
    assert.ok(layer.bias.every((b) => b === -0.25));
    assert.deepEqual(layer.kernel, initKernel('he_normal', 4, 6, createRng(2, 'init')));
  });

  test('the config resolves biasInit to null under rai, so the resolved config says it had no effect', () => {
    assert.equal(runConfigSchema.parse({ model: { init: 'rai', biasInit: 0.3 } }).model.biasInit, null);
    assert.equal(runConfigSchema.parse({ model: { init: 'rai' } }).model.biasInit, null);
    assert.equal(runConfigSchema.parse({ model: { init: 'he_normal' } }).model.biasInit, 0);
    const resolved = runConfigSchema.parse({ model: { init: 'rai' } });
    assert.deepEqual(runConfigSchema.parse(JSON.parse(JSON.stringify(resolved))), resolved);
  });

  test('a sweep over init with biasInit set plans both runs instead of failing for rai', () => {
    const runs = planRuns(
      buildRawExperiment({ model: { biasInit: 0 }, sweep: { 'model.init': ['he_normal', 'rai'] } }, 'c.yaml'),
    );
    assert.deepEqual(
      runs.map((run) => [run.config.model.init, run.config.model.biasInit]),
      [
        ['he_normal', 0],
        ['rai', null],
      ],
    );
  });
});
