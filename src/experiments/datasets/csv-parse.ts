/**
 * Just enough CSV: comma separated, a header row, double-quoted fields ("a, b", "say ""hi""")
 * within one line. Anything else gets a ConfigError naming the file, line and column (1-based,
 * counted in fields, as a spreadsheet shows them).
 */
import { ConfigError } from '../../errors.js';

export interface CsvRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  /** The header's line number (blank lines before it are skipped). */
  headerLine: number;
  rows: CsvRow[];
}

/** Splits `text` into a header and rows of equal width; blank lines are skipped. */
export function parseCsv(text: string, file: string): CsvTable {
  const lines = text
    .replace(/^\uFEFF/, '') // spreadsheet exports often start with a byte-order mark
    .split(/\r?\n/)
    .map((content, i) => ({ line: i + 1, content }))
    .filter(({ content }) => content.trim() !== '');
  if (lines.length === 0) throw new ConfigError([`dataset.path: ${file} is empty`]);
  const [header, ...rows] = lines.map(({ line, content }) => ({
    line,
    cells: splitFields(content, file, line),
  }));
  if (rows.length === 0) throw new ConfigError([`dataset.path: ${file} has a header but no data rows`]);
  const width = header.cells.length;
  const ragged = rows.find(({ cells }) => cells.length !== width);
  if (ragged) {
    const got = ragged.cells.length;
    const column =
      got < width ? `column ${got + 1} ("${header.cells[got]}") is missing` : `column ${width + 1} has no header`;
    const problem = `expected ${width} fields like the header, got ${got} (${column})`;
    throw new ConfigError([`dataset.path: ${file} line ${ragged.line}: ${problem}`]);
  }
  return { header: header.cells, headerLine: header.line, rows };
}

function splitFields(content: string, file: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteColumn = 0;
  for (let i = 0; i < content.length; i++) {
    const char = content[i];
    if (quoted && char === '"' && content[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
      quoteColumn = cells.length + 1;
    } else if (char === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  if (quoted) {
    const problem = 'unterminated quote (a field cannot span lines)';
    throw new ConfigError([`dataset.path: ${file} line ${line}, column ${quoteColumn}: ${problem}`]);
  }
  cells.push(cell.trim());
  return cells;
}
