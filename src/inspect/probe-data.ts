/**
 * The probe inputs of `inspect`: rows of the user's CSV (read as `dataset.kind: csv` reads it:
 * same parser, same number rules, same target column option) or seeded N(0, 1) values, shaped to
 * the model's input. Plain arrays; the caller makes tensors.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { numberAt, targetColumn } from '../experiments/datasets/csv.js';
import { readCsvFile, type CsvNaming } from '../experiments/datasets/csv-read.js';
import { ConfigError } from '../errors.js';
import { createRng } from '../experiments/rng.js';

/** A model input's shape without the batch axis; null for a size the model leaves open. */
export type InputShape = readonly (number | null)[];

export interface ProbeData {
  /** One flat Float32Array per model input, rows × the input's size, row-major. */
  values: Float32Array[];
  rows: number;
  /** What the manifest records about where the rows came from. */
  source: ProbeSource;
}

export type ProbeSource =
  | { data: 'gaussian'; seed: number }
  | {
      data: 'csv';
      file: string;
      sha256: string;
      rowsInFile: number;
      target: string | null;
      selection: 'every row' | 'seeded subset';
      seed: number;
    };

export interface ProbeRequest {
  /** "gaussian", or a CSV path as the user gave it. */
  data: string;
  /** Rows wanted (a CSV with fewer gives all it has). */
  rows: number;
  seed: number;
  /** CSV only: a column to leave out (a label), by header name or 0-based index. */
  target?: string | number;
  /** CSV only: whether the first line (after skipRows) names the columns; default true. */
  header?: boolean;
  /** CSV only: lines to skip before the header or the data; default 0. */
  skipRows?: number;
  cwd: string;
}

const size = (shape: InputShape) => shape.reduce<number>((product, dim) => product * (dim ?? Number.NaN), 1);
const shown = (shape: InputShape) => `[${shape.map((dim) => dim ?? '?').join(', ')}]`;

/** Probe rows for a model with inputs of `shapes`. */
export function probeData(request: ProbeRequest, shapes: readonly InputShape[]): ProbeData {
  const open = shapes.find((shape) => !Number.isFinite(size(shape)));
  if (open)
    throw new ConfigError([
      `--data: the model's input ${shown(open)} has a size it leaves open; inspect needs every size but the batch known`,
    ]);
  if (request.data === 'gaussian') return gaussian(request, shapes);
  if (shapes.length !== 1)
    throw new ConfigError([`--data: the model has ${shapes.length} inputs; a CSV file feeds one, use --data gaussian`]);
  return csvRows(request, shapes[0]);
}

function gaussian(request: ProbeRequest, shapes: readonly InputShape[]): ProbeData {
  if (request.target !== undefined)
    throw new ConfigError(['--target: only with --data FILE (a column of the CSV to leave out)']);
  const rng = createRng(request.seed, 'inspect-probe');
  const values = shapes.map((shape) => {
    const array = new Float32Array(request.rows * size(shape));
    for (let i = 0; i < array.length; i++) array[i] = rng.normal();
    return array;
  });
  return { values, rows: request.rows, source: { data: 'gaussian', seed: request.seed } };
}

/** How the CSV reader names its options in messages: as inspect's flags, not a config's fields. */
const FLAG_NAMING: CsvNaming = {
  path: '--data',
  header: '--no-header',
  skipRows: '--skip-rows',
  setting: (option, value) =>
    option === '--no-header' ? (value ? 'drop --no-header' : '--no-header') : `${option} ${value}`,
};

/** ConfigErrors of the dataset reader speak of dataset.path and dataset.target; here they are flags. */
function asFlags<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(
      error.problems.map((problem) =>
        problem.replace(/^dataset\.path: /, '--data: ').replace(/^dataset\.target: /, '--target: '),
      ),
    );
  }
}

function csvRows(request: ProbeRequest, shape: InputShape): ProbeData {
  const file = request.data;
  const path = resolve(request.cwd, file);
  const layout = { header: request.header ?? true, skipRows: request.skipRows ?? 0 };
  const { header, headerLine, rows } = readCsvFile(path, file, layout, FLAG_NAMING);
  const target =
    request.target === undefined ? null : asFlags(() => targetColumn(header, request.target!, file, headerLine));
  const columns = header.map((_, j) => j).filter((j) => j !== target);
  const width = size(shape);
  if (columns.length !== width) {
    const what =
      target === null ? `${columns.length} columns` : `${columns.length} columns besides "${header[target]}"`;
    const fix = target === null && columns.length === width + 1 ? '; if one is a label, name it with --target' : '';
    throw new ConfigError([
      `--data: ${file} has ${what}, the model's input ${shown(shape)} takes ${width} values a row${fix}`,
    ]);
  }
  // A seeded subset when the file has more rows than the probe takes, kept in file order.
  const chosen =
    rows.length <= request.rows
      ? rows
      : Array.from(createRng(request.seed, 'inspect-probe').permutation(rows.length).subarray(0, request.rows))
          .sort((a, b) => a - b)
          .map((i) => rows[i]);
  const values = new Float32Array(chosen.length * width);
  chosen.forEach((row, i) =>
    columns.forEach((column, j) => (values[i * width + j] = asFlags(() => numberAt(row, column, header, file)))),
  );
  return {
    values: [values],
    rows: chosen.length,
    source: {
      data: 'csv',
      file,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
      rowsInFile: rows.length,
      target: target === null ? null : header[target],
      selection: chosen.length === rows.length ? 'every row' : 'seeded subset',
      seed: request.seed,
    },
  };
}
