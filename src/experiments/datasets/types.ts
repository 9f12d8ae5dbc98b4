import type { RunConfig } from '../config/schema.js';
import { DEFAULT_SYNTHETIC_SAMPLES } from '../config/tables.js';

export type DatasetConfig = RunConfig['dataset'];

/** How many examples a synthetic kind generates (the schema resolves it; this covers callers that skip it). */
export const syntheticSamples = (config: DatasetConfig): number => config.samples ?? DEFAULT_SYNTHETIC_SAMPLES;

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
  /** Real datasets: rows there were to choose from, before `samples` capped them. */
  rowsAvailable?: number;
  /** csv: the header names of the feature columns (in input order) and of the target. */
  columns?: { features: string[]; target: string };
}
