/**
 * From a CSV file's lines to column names and data rows, under the two layout options
 * `dataset.header` and `dataset.skipRows`. The two ways files people have break the default layout
 * (no header line; a title or count line above it) are found here and answered with the setting
 * that fixes them, in one line; anything else ragged is named by line and column.
 */
import { ConfigError } from '../../errors.js';
import { splitCsvLines, type CsvRow } from './csv-parse.js';

export interface CsvLayout {
  /** The first line (after skipRows) names the columns; false: columns are named "0", "1", ... */
  header: boolean;
  /** Lines skipped at the top of the file, blank ones included. */
  skipRows: number;
}

/** How messages name the file's setting and the two layout options, and how a hint writes a setting. */
export interface CsvNaming {
  path: string;
  header: string;
  skipRows: string;
  setting: (option: string, value: boolean | number) => string;
}

/** As a config names them: `dataset.header: false`. */
export const CONFIG_NAMING: CsvNaming = {
  path: 'dataset.path',
  header: 'dataset.header',
  skipRows: 'dataset.skipRows',
  setting: (option, value) => `${option}: ${value}`,
};

export interface CsvTable {
  /** Column names: the header's cells, or "0", "1", ... without a header. */
  header: string[];
  /** The header's line number (blank lines before it are skipped); null without a header. */
  headerLine: number | null;
  rows: CsvRow[];
}

/** Number('') is 0, which would silently turn a missing value into data. */
export const toNumber = (cell: string): number => (cell === '' ? NaN : Number(cell));

const allNumbers = (row: CsvRow) => row.cells.every((cell) => Number.isFinite(toNumber(cell)));

/** Splits `text` (the file `file`) into column names and rows of equal width. */
export function csvTable(text: string, file: string, layout: CsvLayout, naming: CsvNaming = CONFIG_NAMING): CsvTable {
  const { rows: lines, lines: lineCount } = splitCsvLines(text, file, layout.skipRows, naming.path);
  if (lines.length === 0) {
    if (layout.skipRows === 0 || lineCount === 0) throw new ConfigError([`${naming.path}: ${file} is empty`]);
    const left = `skipping ${layout.skipRows} of its ${lineCount} line${lineCount === 1 ? '' : 's'} leaves no data`;
    throw new ConfigError([`${naming.skipRows}: ${file}: ${left}`]);
  }
  requireNoShortLead(lines, file, layout, naming);
  if (layout.header && allNumbers(lines[0])) {
    const { line, cells } = lines[0];
    const what = cells.length === 1 ? 'its one field is a number' : `all ${cells.length} fields are numbers`;
    const fix = naming.setting(naming.header, false);
    const named = `columns are then named 0 to ${cells.length - 1}`;
    throw new ConfigError([
      `${naming.header}: ${file} line ${line} looks like data, not column names (${what}); set ${fix} (${named})`,
    ]);
  }
  const [first, ...rest] = lines;
  const header = layout.header ? first.cells : first.cells.map((_, j) => String(j));
  const rows = layout.header ? rest : lines;
  if (rows.length === 0) throw new ConfigError([`${naming.path}: ${file} has a header but no data rows`]);
  const width = header.length;
  const ragged = rows.find(({ cells }) => cells.length !== width);
  if (ragged) {
    const got = ragged.cells.length;
    const like = layout.header ? 'the header' : `line ${first.line}`;
    const column =
      got < width
        ? `column ${got + 1}${layout.header ? ` ("${header[got]}")` : ''} is missing`
        : `column ${width + 1} has no ${layout.header ? 'header' : 'match in the lines above'}`;
    const problem = `expected ${width} fields like ${like}, got ${got} (${column})`;
    throw new ConfigError([`${naming.path}: ${file} line ${ragged.line}: ${problem}`]);
  }
  return { header, headerLine: layout.header ? first.line : null, rows };
}

/**
 * Refuses a file whose first lines are shorter than every line after them: a title or a count
 * line (scikit-learn's breast_cancer.csv starts with "569,30,malignant,benign" above 31 columns),
 * which as the header would fail on the next line with no word on the fix. Says how many lines to
 * skip and, when the line after them is all numbers, that it is data.
 */
function requireNoShortLead(lines: readonly CsvRow[], file: string, layout: CsvLayout, naming: CsvNaming): void {
  const width = lines[lines.length - 1].cells.length;
  const start = lines.findIndex((row) => row.cells.length >= width);
  // A lead longer than what follows it is more likely data with a few long lines after it: the
  // plain "expected N fields" message says that better.
  if (start < 1 || start > lines.length - start || !lines.slice(start).every((row) => row.cells.length === width))
    return;
  const lead = lines.slice(0, start);
  const one = lead.length === 1;
  const plural = (n: number) => `${n} field${n === 1 ? '' : 's'}`;
  const what = one
    ? `line ${lead[0].line} has ${plural(lead[0].cells.length)} and the lines after it ${width}`
    : `lines ${lead[0].line} to ${lead[lead.length - 1].line} have fewer fields than the ${width} of the lines after them`;
  const next = lines[start];
  const skip = naming.setting(naming.skipRows, next.line - 1);
  let fix: string;
  if (!layout.header) fix = `set ${skip} to skip ${one ? 'it' : 'them'} (a title or count line?)`;
  else if (allNumbers(next))
    fix = `set ${skip} and ${naming.setting(naming.header, false)} (line ${next.line} is data, not column names)`;
  else
    fix = `if ${one ? 'it is a title or count line' : 'they are title lines'}, set ${skip}; a header needs a name for each of the ${width} columns`;
  throw new ConfigError([`${naming.skipRows}: ${file} ${what}; ${fix}`]);
}
