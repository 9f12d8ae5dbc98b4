import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Initializer } from '../../../src/experiments/config/schema.js';
import { initKernel } from '../../../src/experiments/model/initializers.js';
import { createRng } from '../../../src/experiments/rng.js';

// fan_in != fan_out so a formula using the wrong fan is off by a factor, not by noise.
const FAN_IN = 200;
const FAN_OUT = 800;

function moments(values: Float32Array): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

// With 160,000 draws the sample variance is within 1% of the true one (about 3 standard errors),
// so 3% catches a wrong formula and never a fair draw.
const EXPECTED_VARIANCE: Record<Exclude<Initializer, 'rai'>, number> = {
  he_normal: 2 / FAN_IN,
  he_uniform: 2 / FAN_IN,
  glorot_uniform: 2 / (FAN_IN + FAN_OUT),
  glorot_normal: 2 / (FAN_IN + FAN_OUT),
  lecun_normal: 1 / FAN_IN,
};

for (const [scheme, variance] of Object.entries(EXPECTED_VARIANCE) as [Exclude<Initializer, 'rai'>, number][]) {
  test(`${scheme}: zero mean, variance ${variance}`, () => {
    const kernel = initKernel(scheme, FAN_IN, FAN_OUT, createRng(1, 'init'));
    assert.equal(kernel.length, FAN_IN * FAN_OUT);
    const sample = moments(kernel);
    assert.ok(Math.abs(sample.variance / variance - 1) < 0.03, `variance ${sample.variance}, expected ${variance}`);
    // Standard error of the mean is sqrt(variance / 160000) = variance^0.5 / 400.
    assert.ok(Math.abs(sample.mean) < (4 * Math.sqrt(variance)) / 400, `mean ${sample.mean}`);
  });
}

test('uniform schemes stay inside their bounds and reach close to them', () => {
  const bounds: [Exclude<Initializer, 'rai'>, number][] = [
    ['he_uniform', Math.sqrt(6 / FAN_IN)],
    ['glorot_uniform', Math.sqrt(6 / (FAN_IN + FAN_OUT))],
  ];
  for (const [scheme, limit] of bounds) {
    const kernel = initKernel(scheme, FAN_IN, FAN_OUT, createRng(2, 'init'));
    const largest = kernel.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    assert.ok(largest <= limit && largest > 0.999 * limit, `${scheme}: largest |w| ${largest}, limit ${limit}`);
  }
});

test('normal schemes are untruncated: some draws lie beyond 2 standard deviations', () => {
  const kernel = initKernel('he_normal', FAN_IN, FAN_OUT, createRng(3, 'init'));
  const sd = Math.sqrt(2 / FAN_IN);
  const beyond = kernel.filter((v) => Math.abs(v) > 2 * sd).length / kernel.length;
  // P(|N(0,1)| > 2) = 0.0455; a truncated normal would give 0.
  assert.ok(Math.abs(beyond - 0.0455) < 0.003, `share beyond 2 sd: ${beyond}`);
});

test('the same seed gives the same kernel; another seed differs', () => {
  const draw = (seed: number) => initKernel('he_normal', 30, 20, createRng(seed, 'init'));
  assert.deepEqual(draw(5), draw(5));
  assert.notDeepEqual(draw(5), draw(6));
});
