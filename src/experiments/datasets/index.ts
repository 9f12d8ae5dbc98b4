/**
 * One entry point for every dataset kind; each family lives in its own module.
 */
import type { DatasetKind } from '../config/schema.js';
import { loadCsv } from './csv.js';
import { loadBlobs, loadGaussian, loadTeacher } from './gaussian.js';
import { loadIris } from './iris.js';
import { loadMnist } from './mnist.js';
import { loadSynthetic2d } from './synthetic-2d.js';
import type { Dataset, DatasetConfig } from './types.js';

export type { Dataset, DatasetConfig } from './types.js';

type Loader = (config: DatasetConfig, seed: number, baseDir: string) => Dataset;

// A Record over DatasetKind: adding a kind to the schema fails typechecking until it has a loader.
const LOADERS: Record<DatasetKind, Loader> = {
  spirals: (config, seed) => loadSynthetic2d('spirals', config, seed),
  moons: (config, seed) => loadSynthetic2d('moons', config, seed),
  circles: (config, seed) => loadSynthetic2d('circles', config, seed),
  xor: (config, seed) => loadSynthetic2d('xor', config, seed),
  gaussian: loadGaussian,
  blobs: loadBlobs,
  teacher: loadTeacher,
  mnist: loadMnist,
  iris: loadIris,
  csv: loadCsv,
};

/**
 * Loads or generates the configured dataset and splits it into train and test. Deterministic:
 * the same config and seed give byte-identical arrays. `baseDir` is the config file's folder,
 * against which a relative csv path is resolved. Throws ConfigError for bad user data (csv).
 */
export function loadDataset(config: DatasetConfig, seed: number, baseDir: string): Dataset {
  return LOADERS[config.kind](config, seed, baseDir);
}
