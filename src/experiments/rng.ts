/**
 * The one seeded random source of the training path. Everything random (data, initial weights,
 * probe selection, batch order) draws from a stream derived from the run seed and a label, so
 * adding a new consumer never shifts the numbers an existing one sees.
 */

/** A seeded stream of uniform and normal numbers. Not cryptographic; fast and reproducible. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A fresh permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array;
}

/** 32-bit FNV-1a over the label, mixed with the seed: distinct labels give independent streams. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // One more round of avalanche so nearby seeds (1, 2, 3) land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Mulberry32: small, well-tested 32-bit generator with a full 2^32 period. */
export function createRng(seed: number, label = ''): Rng {
  let state = label === '' ? seed >>> 0 : deriveSeed(seed, label);
  let spareNormal: number | null = null;

  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  const int = (n: number): number => Math.floor(uniform() * n);

  const permutation = (n: number): Int32Array => {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = int(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  };

  return { uniform, normal, int, permutation };
}
