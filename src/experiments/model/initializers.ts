/**
 * Kernel initialisers, drawn from our seeded stream rather than TF.js's so that the initial weights
 * are identical on every backend and match the formulas in INITIALIZERS exactly.
 */
import type { Initializer } from '../config/schema.js';
import type { Rng } from '../rng.js';

/** A dense layer's initial parameters: the [fanIn, fanOut] kernel, row-major, and the bias. */
export interface LayerInit {
  kernel: Float32Array;
  bias: Float32Array;
}

/**
 * RAI's scale: every non-asymmetric entry is N(0, RAI_SIGMA² / fan_in). Lu et al. 2019 (arXiv
 * 1903.06733, Sec. 5) choose it so that, with one Beta(2,1) entry per row, a ReLU layer keeps the
 * second moment of its input, as He initialisation does without the asymmetric entry.
 */
export const RAI_SIGMA = 0.6007;

/**
 * A layer's kernel and bias. Every scheme but `rai` draws the kernel only and sets every bias to
 * `biasInit`; `rai` draws the biases itself and ignores `biasInit` (the schema resolves it to null).
 */
export function initLayer(
  scheme: Initializer,
  fanIn: number,
  fanOut: number,
  biasInit: number | null,
  rng: Rng,
): LayerInit {
  if (scheme === 'rai') return initRai(fanIn, fanOut, rng);
  return { kernel: initKernel(scheme, fanIn, fanOut, rng), bias: new Float32Array(fanOut).fill(biasInit ?? 0) };
}

/** A [fanIn, fanOut] kernel, row-major, drawn from the named scheme. */
export function initKernel(scheme: Exclude<Initializer, 'rai'>, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const values = new Float32Array(fanIn * fanOut);
  const draw = sampler(scheme, fanIn, fanOut, rng);
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return values;
}

function sampler(scheme: Exclude<Initializer, 'rai'>, fanIn: number, fanOut: number, rng: Rng): () => number {
  const uniform = (limit: number) => () => (2 * rng.uniform() - 1) * limit;
  const normal = (variance: number) => {
    const sd = Math.sqrt(variance);
    return () => sd * rng.normal();
  };
  switch (scheme) {
    case 'he_normal':
      return normal(2 / fanIn);
    case 'he_uniform':
      return uniform(Math.sqrt(6 / fanIn));
    case 'glorot_uniform':
      return uniform(Math.sqrt(6 / (fanIn + fanOut)));
    case 'glorot_normal':
      return normal(2 / (fanIn + fanOut));
    case 'lecun_normal':
      return normal(1 / fanIn);
  }
}

/**
 * Randomized asymmetric initialisation (Lu et al. 2019). Unit j's row is its fanIn incoming weights
 * plus its bias, fanIn + 1 entries: all drawn from N(0, RAI_SIGMA²/fanIn), then one entry, chosen
 * uniformly, replaced by a Beta(2,1) draw. The positive entry makes it likely that some input
 * direction switches the unit on, which is what keeps deep narrow nets from being born dead.
 * Units are drawn one after another, each row in the order weights then bias then choice then Beta.
 */
export function initRai(fanIn: number, fanOut: number, rng: Rng): LayerInit {
  const kernel = new Float32Array(fanIn * fanOut);
  const bias = new Float32Array(fanOut);
  const sd = RAI_SIGMA / Math.sqrt(fanIn);
  for (let unit = 0; unit < fanOut; unit++) {
    for (let input = 0; input < fanIn; input++) kernel[input * fanOut + unit] = sd * rng.normal();
    bias[unit] = sd * rng.normal();
    const slot = rng.int(fanIn + 1);
    const positive = betaTwoOne(rng);
    if (slot === fanIn) bias[unit] = positive;
    else kernel[slot * fanOut + unit] = positive;
  }
  return { kernel, bias };
}

/** Beta(2,1), density 2x on [0,1]: its CDF is x², so sqrt of a uniform is an exact draw. */
export function betaTwoOne(rng: Rng): number {
  return Math.sqrt(rng.uniform());
}
