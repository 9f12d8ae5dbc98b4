/**
 * The 2-D toy problems: spirals, moons, circles, xor. Each draws a clean point per example from
 * its shape, then adds N(0, noise^2) to both coordinates; labels come from the clean shape.
 * Coordinates are scaled to about [-1, 1] so every kind starts on the same footing.
 */
import { createRng, type Rng } from '../rng.js';
import { classCounts, type Examples } from './examples.js';
import { splitExamples } from './split.js';
import { syntheticSamples, type Dataset, type DatasetConfig } from './types.js';

export type Kind2d = 'spirals' | 'moons' | 'circles' | 'xor';

/** The clean point of class `c` at position `t` in [0, 1) along that class's curve. */
type Shape = (c: number, t: number, k: number, rng: Rng) => [number, number];

// One full turn per arm: more turns squeeze arms closer than the default noise (0.1) can bear once
// there are more than a few classes.
const SPIRAL_TURNS = 1;
// The inner circle's radius relative to the outer one (sklearn's `factor`); 0.5 leaves a gap of
// five noise sds at the default noise.
const INNER_RADIUS = 0.5;

const SHAPES: Record<Kind2d, Shape> = {
  spirals: (c, t, k) => {
    const angle = (2 * Math.PI * c) / k + 2 * Math.PI * SPIRAL_TURNS * t;
    return [t * Math.cos(angle), t * Math.sin(angle)];
  },
  moons: (c, t) => {
    // sklearn's make_moons, (x, y) in [-1, 2] x [-0.5, 1], recentred and divided by 1.5.
    const [cos, sin] = [Math.cos(Math.PI * t), Math.sin(Math.PI * t)];
    const [x, y] = c === 0 ? [cos, sin] : [1 - cos, 0.5 - sin];
    return [(x - 0.5) / 1.5, (y - 0.25) / 1.5];
  },
  circles: (c, t) => {
    const radius = c === 0 ? 1 : INNER_RADIUS;
    return [radius * Math.cos(2 * Math.PI * t), radius * Math.sin(2 * Math.PI * t)];
  },
  xor: (c, _t, _k, rng) => {
    // Class 1 where x*y > 0: pick a random quadrant of the right sign, then a uniform point in it.
    const sign = rng.uniform() < 0.5 ? 1 : -1;
    return [sign * rng.uniform(), (c === 1 ? sign : -sign) * rng.uniform()];
  },
};

/** Generates `config.samples` balanced examples of a 2-D kind and splits them. */
export function loadSynthetic2d(kind: Kind2d, config: DatasetConfig, seed: number): Dataset {
  const k = kind === 'spirals' ? (config.classes ?? 2) : 2;
  const examples = generate(SHAPES[kind], syntheticSamples(config), k, config.noise, createRng(seed, 'data'));
  const { train, test } = splitExamples(examples, examples.n, config.testFraction, seed);
  return { task: 'classification', inputDim: 2, outputDim: k, train, test };
}

function generate(shape: Shape, n: number, k: number, noise: number, rng: Rng): Examples {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  let row = 0;
  classCounts(n, k).forEach((count, c) => {
    for (let i = 0; i < count; i++, row++) {
      const [p, q] = shape(c, i / count, k, rng);
      x[2 * row] = p + noise * rng.normal();
      x[2 * row + 1] = q + noise * rng.normal();
      y[row] = c;
    }
  });
  return { n, inputDim: 2, yDim: 1, x, y };
}
