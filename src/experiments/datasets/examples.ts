/**
 * The shape every family produces before the split: all its examples, row-major.
 */

/** Every example of a dataset, before the train/test split. */
export interface Examples {
  n: number;
  inputDim: number;
  /** Values per example in `y`: 1 for class indices, outputDim for regression targets. */
  yDim: number;
  /** Inputs, [n, inputDim] row-major. */
  x: Float32Array;
  /** Class indices [n], or targets [n, yDim] row-major. */
  y: Float32Array;
}

/** How many of `n` examples each of `k` classes gets: as equal as possible, earlier classes first. */
export function classCounts(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
}
