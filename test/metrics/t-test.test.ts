import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incompleteBeta, pairedTTest, studentTCdf } from '../../src/metrics/t-test.js';

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

test('studentTCdf: closed forms for 1 and 2 degrees of freedom', () => {
  for (const t of [-3, -0.5, 0, 0.7, 1, 4.5]) {
    // df = 1 is the Cauchy distribution; df = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI);
    close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)));
  }
});

test('studentTCdf: the table quantiles t_{0.975} and t_{0.995}', () => {
  // Standard tables (6 decimals): df 10 -> 2.228139, 3.169273; df 30 -> 2.042272, 2.749996.
  close(studentTCdf(2.228139, 10), 0.975, 1e-6);
  close(studentTCdf(3.169273, 10), 0.995, 1e-6);
  close(studentTCdf(2.042272, 30), 0.975, 1e-6);
  close(studentTCdf(2.749996, 30), 0.995, 1e-6);
  close(studentTCdf(-2.228139, 10), 0.025, 1e-6);
});

test('incompleteBeta: I_x(1, 1) = x and I_x(2, 1) = x^2 (the Beta(2,1) distribution function)', () => {
  for (const x of [0, 0.1, 0.5, 0.93, 1]) {
    close(incompleteBeta(x, 1, 1), x);
    close(incompleteBeta(x, 2, 1), x * x);
  }
});

test('pairedTTest, by hand: differences 1, 2, 3, 6', () => {
  // mean 3, sd sqrt(((−2)² + (−1)² + 0² + 3²) / 3) = sqrt(14/3) = 2.160247, t = 3 / (2.160247 / 2) = 2.777460,
  // df 3: p = 2 (1 − F(2.777460)) = 0.069... (between t_{0.95,3} = 2.353 and t_{0.975,3} = 3.182: 0.05 < p < 0.10).
  const result = pairedTTest([1, 2, 3, 6])!;
  assert.equal(result.n, 4);
  close(result.mean, 3);
  close(result.sd, Math.sqrt(14 / 3));
  close(result.t, 2.7774602993);
  assert.ok(result.p > 0.05 && result.p < 0.1, `p = ${result.p}`);
  close(result.p, 2 * (1 - studentTCdf(2.7774602993, 3)), 1e-9);
});

test('pairedTTest: fewer than two finite differences cannot be tested; identical pairs give p = 1', () => {
  assert.equal(pairedTTest([0.4]), null);
  assert.equal(pairedTTest([Number.NaN, 0.2]), null);
  assert.deepEqual(pairedTTest([0, 0, 0]), { n: 3, mean: 0, sd: 0, t: 0, p: 1 });
  assert.equal(pairedTTest([0.1, 0.1])!.p, 0);
});
