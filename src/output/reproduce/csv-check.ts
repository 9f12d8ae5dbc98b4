/**
 * Do a results folder's CSVs still say what its run records say? Pure functions from the stored
 * text and the text the records give to the first line that differs in each file, and to the
 * one-line message `reproduce` prints for it. Timing columns are left out of the comparison (they
 * differ between identical runs), and so are line endings (git may check files out with CRLF).
 */

/** The first line of a CSV that differs from what the records give. */
export interface CsvDifference {
  /** 1-based, the header being line 1. */
  line: number;
  /** The line as stored and as the records give it; null past the end of that file. */
  stored: string | null;
  expected: string | null;
  /** 0-based index of the first differing cell; null when one of the two lines is missing. */
  cell: number | null;
  /** The header name of that cell, when the expected header has one. */
  column: string | null;
}

/** A stored CSV that is missing altogether. */
export interface MissingCsv {
  missing: true;
  expectedLines: number;
}

/** Cells leading a row that say which row it is (run_id, epoch, layer), kept when a row is shortened. */
const KEY_CELLS = 3;

/** The lines of a CSV text, without line endings and without the empty string after the last newline. */
function csvLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A line's cells as written (quotes kept), split on the commas that are outside double quotes. */
export function splitCells(line: string): string[] {
  const cells: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ',' && !quoted) {
      cells.push(line.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

/** Index of the first cell that differs, skipping `ignored` indices; -1 when none does. */
function firstDifferingCell(stored: string[], expected: string[], ignored: ReadonlySet<number>): number {
  for (let i = 0; i < Math.max(stored.length, expected.length); i++) {
    if (!ignored.has(i) && stored[i] !== expected[i]) return i;
  }
  return -1;
}

/**
 * The first line of `stored` that differs from `expected`, or undefined when they agree. Cells of
 * the `ignoredColumns` (named in the expected header) are not compared on data lines; the header
 * itself must match in full.
 */
export function firstCsvDifference(
  stored: string,
  expected: string,
  ignoredColumns: readonly string[] = [],
): CsvDifference | undefined {
  const storedLines = csvLines(stored);
  const expectedLines = csvLines(expected);
  const header = splitCells(expectedLines[0] ?? '');
  const ignored = new Set(header.flatMap((name, i) => (ignoredColumns.includes(name) ? [i] : [])));
  for (let i = 0; i < Math.max(storedLines.length, expectedLines.length); i++) {
    const storedLine = storedLines[i] ?? null;
    const expectedLine = expectedLines[i] ?? null;
    if (storedLine === null || expectedLine === null) {
      return { line: i + 1, stored: storedLine, expected: expectedLine, cell: null, column: null };
    }
    const cell = firstDifferingCell(splitCells(storedLine), splitCells(expectedLine), i === 0 ? new Set() : ignored);
    if (cell >= 0)
      return { line: i + 1, stored: storedLine, expected: expectedLine, cell, column: header[cell] ?? null };
  }
  return undefined;
}

/**
 * A line cut after the cell that differs, with "..." for what is left out: the first cells (which
 * say which row it is) and that cell are kept, the cells between them elided when there are many.
 */
export function shortenLine(line: string, cell: number | null): string {
  const cells = splitCells(line);
  if (cell === null) {
    return cells.length <= KEY_CELLS + 1 ? line : [...cells.slice(0, KEY_CELLS), '...'].join(',');
  }
  const last = Math.min(cell, cells.length - 1);
  const shown = last <= KEY_CELLS + 1 ? cells.slice(0, last + 1) : [...cells.slice(0, KEY_CELLS), '...', cells[last]];
  if (last < cells.length - 1) shown.push('...');
  return shown.join(',');
}

/** The one line `reproduce` prints for a CSV (`file` as the user should find it) that disagrees with the records. */
export function describeCsvDifference(file: string, difference: CsvDifference | MissingCsv): string {
  if ('missing' in difference) return `${file}: missing (runs/*.json give ${difference.expectedLines} line(s))`;
  const show = (line: string | null) =>
    line === null ? '(end of file)' : JSON.stringify(shortenLine(line, difference.cell));
  const column = difference.column === null ? '' : ` (${difference.column})`;
  return `${file}: line ${difference.line} differs from what runs/*.json give${column}: stored ${show(difference.stored)} expected ${show(difference.expected)}`;
}

/**
 * One message per CSV that is missing or differs. `stored` maps each file name to its text
 * (undefined when missing), `expected` to the text the run records give; `shownAs` turns a file
 * name into the path to print.
 */
export function csvCheckProblems(
  stored: Readonly<Record<string, string | undefined>>,
  expected: Readonly<Record<string, string>>,
  ignoredColumns: readonly string[],
  shownAs: (file: string) => string = (file) => file,
): string[] {
  return Object.entries(expected).flatMap(([file, text]) => {
    const storedText = stored[file];
    if (storedText === undefined)
      return [describeCsvDifference(shownAs(file), { missing: true, expectedLines: csvLines(text).length })];
    const difference = firstCsvDifference(storedText, text, ignoredColumns);
    return difference ? [describeCsvDifference(shownAs(file), difference)] : [];
  });
}
