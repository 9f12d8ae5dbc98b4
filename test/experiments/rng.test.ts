/**
 * The seeded random source: reproducible per seed and label, independent across labels and seeds,
 * and with the distributions its methods promise. Every stream here is seeded, so the statistical
 * checks are deterministic; their bounds are ~5 standard errors wide so that a correct generator
 * passes whatever the seed, while a broken one (biased, wrong variance, correlated) fails.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRng, deriveSeed, type Rng } from '../../src/experiments/rng.js';

const N = 100_000;

const draws = (rng: Rng, n: number, draw: (rng: Rng) => number = (r) => r.uniform()) =>
  Array.from({ length: n }, () => draw(rng));
const mean = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1);
};
function correlation(xs: readonly number[], ys: readonly number[]): number {
  const [mx, my] = [mean(xs), mean(ys)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const expected = counts.reduce((sum, c) => sum + c, 0) / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}
/** |r| of independent streams of N draws has standard error 1/sqrt(N) ≈ 0.0032; 5 of them. */
const MAX_CORRELATION = 5 / Math.sqrt(N);

/** The published Mulberry32 (Tommy Ettinger), written out independently as the reference. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pinned values (an accidental change to the generator fails here)', () => {
  test('createRng(1, "init") starts with these three uniforms', () => {
    const rng = createRng(1, 'init');
    // Exact: every uniform is an integer over 2^32.
    assert.deepEqual(
      draws(rng, 3),
      [4133233640, 2105116348, 2759920796].map((k) => k / 2 ** 32),
    );
    assert.deepEqual(draws(createRng(1, 'init'), 3), [0.9623434487730265, 0.4901355942711234, 0.6425941353663802]);
  });

  test('the label hash is pinned', () => {
    assert.equal(deriveSeed(1, 'init'), 3229824395);
    assert.equal(deriveSeed(2, 'init'), 2688579200);
  });

  test('without a label the stream is the published Mulberry32 of the seed', () => {
    // Mulberry32's widely quoted first value for seed 1.
    assert.equal(createRng(1).uniform(), 0.6270739405881613);
    for (const seed of [0, 1, 42, 2 ** 31, 2 ** 32 - 1]) {
      const reference = mulberry32(seed);
      assert.deepEqual(draws(createRng(seed), 1000), Array.from({ length: 1000 }, reference), `seed ${seed}`);
    }
  });

  test('normal and permutation are pinned too', () => {
    const rng = createRng(42, 'data');
    assert.deepEqual([rng.normal(), rng.normal()], [-0.2466463708126233, 1.6164010327958325]);
    assert.deepEqual(Array.from(createRng(7, 'batches').permutation(10)), [5, 4, 1, 0, 2, 3, 9, 7, 6, 8]);
  });
});

describe('streams', () => {
  test('the same seed and label give the same stream, for every method', () => {
    const a = createRng(5, 'probe');
    const b = createRng(5, 'probe');
    for (let i = 0; i < 100; i++) {
      assert.equal(a.uniform(), b.uniform());
      assert.equal(a.normal(), b.normal());
      assert.equal(a.int(1000), b.int(1000));
    }
    assert.deepEqual(a.permutation(50), b.permutation(50));
  });

  test('different labels give different, uncorrelated streams', () => {
    const labels = ['init', 'data', 'probe', 'batches', 'init2'];
    const streams = labels.map((label) => draws(createRng(1, label), N));
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        assert.notDeepEqual(streams[i].slice(0, 10), streams[j].slice(0, 10), `${labels[i]} vs ${labels[j]}`);
        const r = correlation(streams[i], streams[j]);
        assert.ok(Math.abs(r) < MAX_CORRELATION, `${labels[i]} vs ${labels[j]}: correlation ${r}`);
      }
    }
  });

  test('one stream is uncorrelated with itself shifted by one (no lag-1 structure)', () => {
    const xs = draws(createRng(1, 'init'), N + 1);
    const r = correlation(xs.slice(0, N), xs.slice(1));
    assert.ok(Math.abs(r) < MAX_CORRELATION, `lag-1 correlation ${r}`);
  });

  test('different seeds differ, nearby seeds included, and are uncorrelated', () => {
    const seeds = [1, 2, 3, 1000];
    const streams = seeds.map((seed) => draws(createRng(seed, 'init'), N));
    for (let i = 0; i < seeds.length; i++) {
      for (let j = i + 1; j < seeds.length; j++) {
        assert.notDeepEqual(streams[i].slice(0, 10), streams[j].slice(0, 10), `seeds ${seeds[i]}, ${seeds[j]}`);
        const r = correlation(streams[i], streams[j]);
        assert.ok(Math.abs(r) < MAX_CORRELATION, `seeds ${seeds[i]}, ${seeds[j]}: correlation ${r}`);
      }
    }
    assert.notEqual(createRng(1).uniform(), createRng(2).uniform());
  });
});

describe('distributions', () => {
  test('uniform lies in [0, 1) with mean 1/2, variance 1/12 and equal deciles', () => {
    const xs = draws(createRng(11, 'uniform'), N);
    assert.ok(
      xs.every((x) => x >= 0 && x < 1),
      'outside [0, 1)',
    );
    // Standard errors: mean sqrt(1/12/N) ≈ 0.0009, variance ≈ 0.0003.
    assert.ok(Math.abs(mean(xs) - 0.5) < 0.005, `mean ${mean(xs)}`);
    assert.ok(Math.abs(variance(xs) - 1 / 12) < 0.0015, `variance ${variance(xs)}`);
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    // 9 degrees of freedom: P(chi² > 27.88) = 0.001.
    assert.ok(chiSquare(deciles) < 27.88, `deciles ${deciles.join(',')}`);
  });

  test('normal has mean 0, variance 1, 68.3% within one sd and 95.4% within two', () => {
    const xs = draws(createRng(3, 'normal'), N, (rng) => rng.normal());
    assert.ok(xs.every(Number.isFinite), 'non-finite normal draw');
    // Standard errors on 100k draws: mean 0.0032, variance sqrt(2/N) ≈ 0.0045, shares ≤ 0.0015.
    assert.ok(Math.abs(mean(xs)) < 0.016, `mean ${mean(xs)}`);
    assert.ok(Math.abs(variance(xs) - 1) < 0.025, `variance ${variance(xs)}`);
    const within = (k: number) => xs.filter((x) => Math.abs(x) < k).length / N;
    assert.ok(Math.abs(within(1) - 0.6827) < 0.0075, `within 1 sd: ${within(1)}`);
    assert.ok(Math.abs(within(2) - 0.9545) < 0.0035, `within 2 sd: ${within(2)}`);
  });

  test('int(n) is an integer in [0, n) and roughly uniform', () => {
    const rng = createRng(9, 'int');
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < N; i++) {
      const k = rng.int(7);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 7, `int(7) gave ${k}`);
      counts[k]++;
    }
    // 6 degrees of freedom: P(chi² > 22.46) = 0.001.
    assert.ok(chiSquare(counts) < 22.46, `counts ${counts.join(',')}`);
    assert.ok(
      draws(rng, 100, (r) => r.int(1)).every((k) => k === 0),
      'int(1) is always 0',
    );
  });

  test('permutation(n) holds each of 0..n-1 once, for small and large n', () => {
    const rng = createRng(4, 'perm');
    for (const n of [0, 1, 2, 10, 1000]) {
      const order = rng.permutation(n);
      assert.ok(order instanceof Int32Array);
      assert.deepEqual(
        Array.from(order).sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i),
        `n = ${n}`,
      );
    }
  });

  test('permutation is seeded: same seed and label the same order, another seed another', () => {
    assert.deepEqual(createRng(4, 'perm').permutation(100), createRng(4, 'perm').permutation(100));
    assert.notDeepEqual(createRng(4, 'perm').permutation(100), createRng(5, 'perm').permutation(100));
    assert.notDeepEqual(createRng(4, 'perm').permutation(100), createRng(4, 'other').permutation(100));
  });

  test('permutation is uniform: all 6 orders of 3 items equally often', () => {
    // The classic Fisher-Yates slip (j drawn from 0..n-1 instead of 0..i) makes the orders
    // unequally likely (over 9 equally likely swap pairs, 6 orders cannot be even); that fails here.
    const rng = createRng(8, 'perm');
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = Array.from(rng.permutation(3)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), ['012', '021', '102', '120', '201', '210']);
    // 5 degrees of freedom: P(chi² > 20.52) = 0.001.
    assert.ok(chiSquare([...counts.values()]) < 20.52, `counts ${[...counts.entries()].join(',')}`);
  });
});
