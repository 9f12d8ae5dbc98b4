import type { RunConfig } from '../config/schema.js';

export type DatasetConfig = RunConfig['dataset'];

/** One side of the split, row-major so it hands straight to tf.tensor2d. */
export interface Split {
  /** Number of examples. */
  n: number;
  /** Inputs, [n, inputDim] row-major. */
  x: Float32Array;
  /** Classification: class index per example, [n]. Regression: targets, [n, outputDim] row-major. */
  y: Float32Array;
}

export interface Dataset {
  task: 'classification' | 'regression';
  inputDim: number;
  /** Number of classes for classification; number of regression targets otherwise. */
  outputDim: number;
  train: Split;
  test: Split;
}
