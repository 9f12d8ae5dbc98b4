/**
 * Column standardisation. Statistics come from the training side only, so nothing about the test
 * set leaks into what the network sees during training.
 */
import type { Split } from './types.js';

export interface ColumnStats {
  mean: Float64Array;
  /** Population standard deviation (divides by n). */
  sd: Float64Array;
}

/** Mean and population sd of each column of a row-major [n, dim] matrix. */
export function columnStats(values: Float32Array, dim: number): ColumnStats {
  const n = values.length / dim;
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  // Sum first, divide once: integer data then gets exact means.
  for (let i = 0; i < values.length; i++) mean[i % dim] += values[i];
  for (let j = 0; j < dim; j++) mean[j] /= n;
  for (let i = 0; i < values.length; i++) sd[i % dim] += (values[i] - mean[i % dim]) ** 2;
  for (let j = 0; j < dim; j++) sd[j] = Math.sqrt(sd[j] / n);
  return { mean, sd };
}

/** (value - mean) / sd per column; a constant column (sd 0) is only centred, never divided by 0. */
export function applyStats(values: Float32Array, dim: number, stats: ColumnStats): Float32Array {
  return values.map((value, i) => {
    const j = i % dim;
    return (value - stats.mean[j]) / (stats.sd[j] || 1);
  });
}

/** Standardises the inputs (`which` 'x') or regression targets ('y') of both sides with train stats. */
export function standardiseSplits(
  sides: { train: Split; test: Split },
  which: 'x' | 'y',
  dim: number,
): { train: Split; test: Split } {
  const stats = columnStats(sides.train[which], dim);
  return {
    train: { ...sides.train, [which]: applyStats(sides.train[which], dim, stats) },
    test: { ...sides.test, [which]: applyStats(sides.test[which], dim, stats) },
  };
}
