/**
 * The user's own CSV file (read by csv-read.ts: gzip or plain, with or without a header line):
 * numeric feature columns plus one target column, chosen by name or 0-based index. A numeric target with many distinct values is a regression target; anything
 * else is a class label.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import { readCsvFile, toNumber, type CsvRow } from './csv-read.js';
import { splitExamples } from './split.js';
import { standardiseSplits } from './standardise.js';
import type { Dataset, DatasetConfig } from './types.js';

// A numeric target with more distinct values than this is treated as continuous. 20 keeps
// integer-coded labels (digits, ratings 1-10) as classes.
const MAX_CLASSES = 20;

/** Reads `config.path` (relative to `baseDir`, the config file's folder) and splits it. */
export function loadCsv(config: DatasetConfig, seed: number, baseDir: string): Dataset {
  // The schema requires both for csv; this guards callers that skip it.
  if (config.path === null || config.target === null) {
    const missing = config.path === null ? 'path' : 'target';
    throw new ConfigError([`dataset.${missing}: is required when kind is csv`]);
  }
  const file = config.path;
  const layout = { header: config.header ?? true, skipRows: config.skipRows ?? 0 };
  const { header, headerLine, rows } = readCsvFile(resolve(baseDir, file), file, layout);
  const target = targetColumn(header, config.target, file, headerLine);
  const features = header.map((_, j) => j).filter((j) => j !== target);
  if (features.length === 0) {
    const problem = `has no feature columns besides "${header[target]}"`;
    throw new ConfigError([`dataset.target: ${file} ${problem}`]);
  }
  const inputDim = features.length;
  const x = new Float32Array(rows.length * inputDim);
  rows.forEach((row, i) => {
    features.forEach((column, f) => (x[i * inputDim + f] = numberAt(row, column, header, file)));
  });
  const { task, outputDim, y } = encodeTarget(rows, target, header, file);

  const all = { n: rows.length, inputDim, yDim: 1, x, y };
  const sides = splitExamples(all, config.samples, config.testFraction, seed);
  const scaled = standardiseSplits(sides, 'x', inputDim);
  const { train, test } = task === 'regression' ? standardiseSplits(scaled, 'y', 1) : scaled;
  const columns = { features: features.map((j) => header[j]), target: header[target] };
  return { task, inputDim, outputDim, train, test, rowsAvailable: rows.length, columns };
}

/** Column names listed in an error, before "... N more": enough to spot a spelling, short enough for one line. */
const LISTED_COLUMNS = 12;

export function targetColumn(
  header: string[],
  target: string | number,
  file: string,
  headerLine: number | null,
): number {
  const index = typeof target === 'number' ? target : header.indexOf(target);
  if (index >= 0 && index < header.length) return index;
  const wanted = typeof target === 'number' ? `${target} (0-based)` : `"${target}"`;
  if (headerLine === null) {
    // Without a header the names are the indices, so a name can only be an index.
    const problem = `has no column ${wanted}: with dataset.header: false columns are numbered 0 to ${header.length - 1}`;
    throw new ConfigError([`dataset.target: ${file} ${problem}`]);
  }
  const listed = header.slice(0, LISTED_COLUMNS).join(', ');
  const columns = header.length > LISTED_COLUMNS ? `${listed}, ... ${header.length - LISTED_COLUMNS} more` : listed;
  throw new ConfigError([
    `dataset.target: ${file} line ${headerLine} (the header) has no column ${wanted} (columns: ${columns})`,
  ]);
}

export function numberAt(row: CsvRow, column: number, header: string[], file: string): number {
  const value = toNumber(row.cells[column]);
  if (!Number.isFinite(value)) {
    const where = `${file} line ${row.line}, column ${column + 1} ("${header[column]}")`;
    throw new ConfigError([`dataset.path: ${where}: "${row.cells[column]}" is not a number`]);
  }
  return value;
}

function encodeTarget(rows: CsvRow[], column: number, header: string[], file: string) {
  const labels = rows.map((row) => row.cells[column]);
  const values = labels.map(toNumber);
  if (new Set(values.filter(Number.isFinite)).size > MAX_CLASSES) {
    // Continuous: every cell must then be a number, so a stray "NA" is reported, not made a class.
    const y = Float32Array.from(rows, (row) => numberAt(row, column, header, file));
    return { task: 'regression' as const, outputDim: 1, y };
  }
  if (values.every(Number.isFinite)) {
    return classes(
      values,
      [...new Set(values)].sort((a, b) => a - b),
      header[column],
      file,
    );
  }
  return classes(labels, [...new Set(labels)].sort(), header[column], file);
}

/** Class indices in the sorted order of the distinct values, so the mapping is stable. */
function classes<T>(values: T[], distinct: T[], name: string, file: string) {
  if (distinct.length < 2) {
    const problem = `has one value only; need at least 2 classes`;
    throw new ConfigError([`dataset.target: column "${name}" in ${file} ${problem}`]);
  }
  const index = new Map(distinct.map((value, i) => [value, i]));
  const y = Float32Array.from(values, (value) => index.get(value)!);
  return { task: 'classification' as const, outputDim: distinct.length, y };
}
