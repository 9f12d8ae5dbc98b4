#!/usr/bin/env node
/**
 * An independent check of the born-dead numbers in docs/lu2019.md: plain loops, its own PRNG and
 * no TensorFlow.js or code from src/. For 1-D inputs it decides "constant on the whole line"
 * exactly, by following each network's piecewise-linear pre-activations breakpoint by breakpoint,
 * so it also says how far a finite probe set is from the paper's definition.
 *
 *   node scripts/theory/born-dead-monte-carlo.mjs [--init he|rai] [--depth 9] [--widths 2,3,4,5,10]
 *        [--trials 100000] [--probes 0,10,100,1000] [--seed 1]
 *
 * Prints, per width, the share of networks born dead: on the whole line ("line") and on each probe
 * set of that many N(0, 1) inputs (drawn per network), with the standard error of each share.
 */
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    init: { type: 'string', default: 'he' },
    depth: { type: 'string', default: '9' },
    widths: { type: 'string', default: '2,3,4,5,10' },
    trials: { type: 'string', default: '100000' },
    probes: { type: 'string', default: '' },
    seed: { type: 'string', default: '1' },
  },
});

// xoshiro128**: deliberately not the Mulberry32 of src/experiments/rng.ts.
function makeRng(seed) {
  let s = [0x9e3779b9 ^ seed, 0x243f6a88, 0xb7e15162 ^ (seed << 7), 0x12345678];
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  for (let i = 0; i < 20; i++) next();
  const uniform = () => (next() + 0.5) / 4294967296; // (0, 1)
  // Marsaglia's polar method, again unlike src's Box-Muller.
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    for (;;) {
      const u = 2 * uniform() - 1,
        v = 2 * uniform() - 1,
        r = u * u + v * v;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * Math.log(r)) / r);
        spare = v * f;
        return u * f;
      }
    }
  };
  return { uniform, normal };
}

/** One layer's weights [out][in] and biases: He (zero bias) or RAI as Lu et al. 2019 define it. */
function drawLayer(rng, init, fanIn, fanOut) {
  const w = [],
    b = [];
  for (let j = 0; j < fanOut; j++) {
    if (init === 'he') {
      w.push(Array.from({ length: fanIn }, () => Math.sqrt(2 / fanIn) * rng.normal()));
      b.push(0);
    } else {
      const sd = 0.6007 / Math.sqrt(fanIn);
      const row = Array.from({ length: fanIn + 1 }, () => sd * rng.normal());
      // Beta(2,1) as the larger of two uniforms (src uses sqrt of one: same law, another sampler).
      row[Math.floor(rng.uniform() * (fanIn + 1))] = Math.max(rng.uniform(), rng.uniform());
      b.push(row.pop());
      w.push(row);
    }
  }
  return { w, b };
}

/**
 * Exact test on the whole line. Each piece is [lo, hi] with h(x) = a + c x on it; a layer maps a
 * piece to z = (W a + b) + (W c) x, split where some unit's z changes sign. The layer is dead on the
 * line when every unit has z <= 0 on every piece (checked at the piece ends, or its slope at +-inf).
 */
function deadOnLine(layers) {
  let pieces = [{ lo: -Infinity, hi: Infinity, a: [0], c: [1] }];
  for (const { w, b } of layers) {
    const next = [];
    let alive = false;
    for (const piece of pieces) {
      const A = w.map((row, j) => row.reduce((s, v, i) => s + v * piece.a[i], b[j]));
      const C = w.map((row) => row.reduce((s, v, i) => s + v * piece.c[i], 0));
      const cuts = [piece.lo];
      for (let j = 0; j < A.length; j++) {
        if (C[j] !== 0) {
          const root = -A[j] / C[j];
          if (root > piece.lo && root < piece.hi) cuts.push(root);
        }
      }
      cuts.sort((x, y) => x - y).push(piece.hi);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const [lo, hi] = [cuts[k], cuts[k + 1]];
        // A point strictly inside decides each unit's sign on the whole sub-piece.
        const mid =
          Number.isFinite(lo) && Number.isFinite(hi)
            ? (lo + hi) / 2
            : Number.isFinite(lo)
              ? lo + 1
              : Number.isFinite(hi)
                ? hi - 1
                : 0;
        const on = A.map((v, j) => v + C[j] * mid > 0);
        if (on.some(Boolean)) alive = true;
        next.push({ lo, hi, a: A.map((v, j) => (on[j] ? v : 0)), c: C.map((v, j) => (on[j] ? v : 0)) });
      }
    }
    if (!alive) return true;
    pieces = next;
  }
  return false;
}

/** Dead on a probe set: some layer with z <= 0 for every unit on every probe input. */
function deadOnProbe(layers, probe) {
  let hs = probe.map((x) => [x]);
  for (const { w, b } of layers) {
    let alive = false;
    hs = hs.map((h) =>
      w.map((row, j) => {
        const z = row.reduce((s, v, i) => s + v * h[i], b[j]);
        if (z > 0) alive = true;
        return z > 0 ? z : 0;
      }),
    );
    if (!alive) return true;
  }
  return false;
}

const depth = Number(args.depth);
const trials = Number(args.trials);
const probeSizes = args.probes ? args.probes.split(',').map(Number) : [];
const rng = makeRng(Number(args.seed));
const columns = ['line', ...probeSizes.map((p) => `probe ${p}`)];
console.log(
  `init ${args.init}, ${depth} hidden layers, ${trials} networks per width; share born dead (standard error)`,
);
console.log(['width', ...columns].join('\t'));
for (const width of args.widths.split(',').map(Number)) {
  const counts = new Array(columns.length).fill(0);
  for (let t = 0; t < trials; t++) {
    const layers = Array.from({ length: depth }, (_, l) => drawLayer(rng, args.init, l === 0 ? 1 : width, width));
    if (deadOnLine(layers)) counts[0]++;
    probeSizes.forEach((size, k) => {
      if (
        deadOnProbe(
          layers,
          Array.from({ length: size }, () => rng.normal()),
        )
      )
        counts[k + 1]++;
    });
  }
  console.log(
    [
      width,
      ...counts.map((k) => {
        const p = k / trials;
        return `${p.toFixed(4)} (${Math.sqrt((p * (1 - p)) / trials).toFixed(4)})`;
      }),
    ].join('\t'),
  );
}
