/**
 * The kinds in inputDim dimensions: gaussian (random linear teacher), blobs (one cluster per
 * class) and teacher (regression onto a random deep tanh network). Targets come from the clean
 * inputs; `noise` is then added to the inputs the network sees, as for the 2-D kinds.
 */
import { createRng, type Rng } from '../rng.js';
import { classCounts, type Examples } from './examples.js';
import { splitExamples } from './split.js';
import { applyStats, columnStats } from './standardise.js';
import { syntheticSamples, type Dataset, type DatasetConfig } from './types.js';

// The teacher network: 3 tanh hidden layers of 32 units, then one linear output. Deep enough to be
// nonlinear in every direction, small enough to evaluate on thousands of rows instantly.
const TEACHER_WIDTHS = [32, 32, 32, 1];

/** x ~ N(0, I); label = argmax(x W) for a fixed W drawn from the seed's 'teacher' stream. */
export function loadGaussian(config: DatasetConfig, seed: number): Dataset {
  const [n, d, k] = [syntheticSamples(config), config.inputDim ?? 2, config.classes ?? 2];
  // Unit-length columns put every class direction on the sphere, where each is an extreme point,
  // so every class owns a region of input space (given inputDim >= 2).
  const w = unitColumns(normals(createRng(seed, 'teacher'), d * k), k);
  const clean = normals(createRng(seed, 'data'), n * d);
  const labels = new Float32Array(n).map((_, i) => argmax(matVec(rowOf(clean, i, d), w, k)));
  return finish({ n, inputDim: d, yDim: 1, x: clean, y: labels }, 'classification', k, config, seed);
}

/** One isotropic cluster per class, centres uniform in [-1, 1]^inputDim, spread sd = noise. */
export function loadBlobs(config: DatasetConfig, seed: number): Dataset {
  const [n, d, k] = [syntheticSamples(config), config.inputDim ?? 2, config.classes ?? 2];
  const centreRng = createRng(seed, 'centres');
  const centres = Float64Array.from({ length: k * d }, () => 2 * centreRng.uniform() - 1);
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  let row = 0;
  classCounts(n, k).forEach((count, c) => {
    for (let i = 0; i < count; i++, row++) {
      x.set(centres.subarray(c * d, (c + 1) * d), row * d);
      y[row] = c;
    }
  });
  // finish() adds the noise: here it is the clusters' spread.
  return finish({ n, inputDim: d, yDim: 1, x, y }, 'classification', k, config, seed);
}

/** x ~ N(0, I); y = a random deep tanh teacher's output, standardised over all examples. */
export function loadTeacher(config: DatasetConfig, seed: number): Dataset {
  const [n, d] = [syntheticSamples(config), config.inputDim ?? 2];
  const teacherRng = createRng(seed, 'teacher');
  const layers = TEACHER_WIDTHS.map((width, l) => {
    const fanIn = l === 0 ? d : TEACHER_WIDTHS[l - 1];
    // Variance 1/fan_in keeps tanh pre-activations near unit scale at every depth.
    return normals(teacherRng, fanIn * width).map((v) => v / Math.sqrt(fanIn));
  });
  const clean = normals(createRng(seed, 'data'), n * d);
  const raw = new Float32Array(n).map((_, i) => teacherOutput(layers, rowOf(clean, i, d)));
  const y = applyStats(raw, 1, columnStats(raw, 1));
  return finish({ n, inputDim: d, yDim: 1, x: clean, y }, 'regression', 1, config, seed);
}

function teacherOutput(layers: Float32Array[], input: Float32Array): number {
  let h: ArrayLike<number> = input;
  layers.forEach((w, l) => {
    const z = matVec(h, w, TEACHER_WIDTHS[l]);
    h = l < layers.length - 1 ? z.map(Math.tanh) : z;
  });
  return h[0];
}

/** Adds the input noise (its own stream, so targets never depend on it) and splits. */
function finish(
  clean: Examples,
  task: Dataset['task'],
  outputDim: number,
  config: DatasetConfig,
  seed: number,
): Dataset {
  const noiseRng = createRng(seed, 'noise');
  const x = clean.x.map((v) => v + config.noise * noiseRng.normal());
  const { train, test } = splitExamples({ ...clean, x }, clean.n, config.testFraction, seed);
  return { task, inputDim: clean.inputDim, outputDim, train, test };
}

const rowOf = (m: Float32Array, i: number, cols: number) => m.subarray(i * cols, (i + 1) * cols);

function normals(rng: Rng, length: number): Float32Array {
  return Float32Array.from({ length }, () => rng.normal());
}

/** Row vector times a row-major [v.length, cols] matrix. */
function matVec(v: ArrayLike<number>, m: Float32Array, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < v.length; r++) for (let c = 0; c < cols; c++) out[c] += v[r] * m[r * cols + c];
  return out;
}

function unitColumns(m: Float32Array, cols: number): Float32Array {
  const norms = new Float64Array(cols);
  m.forEach((v, i) => (norms[i % cols] += v * v));
  return m.map((v, i) => v / Math.sqrt(norms[i % cols]));
}

function argmax(values: Float64Array): number {
  return values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
}
