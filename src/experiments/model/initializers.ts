/**
 * Kernel initialisers, drawn from our seeded stream rather than TF.js's so that the initial weights
 * are identical on every backend and match the formulas in INITIALIZERS exactly.
 */
import type { Initializer } from '../config/schema.js';
import type { Rng } from '../rng.js';

/** A [fanIn, fanOut] kernel, row-major, drawn from the named scheme. */
export function initKernel(scheme: Initializer, fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const values = new Float32Array(fanIn * fanOut);
  const draw = sampler(scheme, fanIn, fanOut, rng);
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return values;
}

function sampler(scheme: Initializer, fanIn: number, fanOut: number, rng: Rng): () => number {
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
