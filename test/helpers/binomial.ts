import assert from 'node:assert/strict';

/** The two-sided 99.9% point of the standard normal: a bound a fair draw misses once in 1,000. */
export const Z_999 = 3.2905;

/**
 * Asserts that `successes` of `trials` is within the 99.9% binomial bound of the share `expected`
 * (normal approximation at the known p, good for trials * p * (1 - p) >= 10 or so). The tests that
 * use it are seeded, so they pass or fail the same way every time; the bound says how unlucky a
 * correct implementation would have to be for the chosen seeds to fail it.
 */
export function assertShareNear(successes: number, trials: number, expected: number, label: string): void {
  const share = successes / trials;
  const half = Z_999 * Math.sqrt((expected * (1 - expected)) / trials);
  assert.ok(
    Math.abs(share - expected) <= half,
    `${label}: ${successes}/${trials} = ${share.toFixed(4)}, expected ${expected.toFixed(4)} ± ${half.toFixed(4)} (99.9%)`,
  );
}
