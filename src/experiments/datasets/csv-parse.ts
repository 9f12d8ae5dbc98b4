/**
 * Just enough CSV: comma separated, double-quoted fields ("a, b", "say ""hi""") within one line.
 * Anything else gets a ConfigError naming the file, line and column (1-based, counted in fields, as
 * a spreadsheet shows them). Which line is the header is csv-table.ts's business.
 */
import { ConfigError } from '../../errors.js';

export interface CsvRow {
  /** 1-based line number in the file, for error messages. */
  line: number;
  cells: string[];
}

/**
 * The lines of `text` after its first `skipRows`, split into fields; blank lines are dropped.
 * `lines` is how many lines the file has, so a caller can say what skipping left.
 */
export function splitCsvLines(
  text: string,
  file: string,
  skipRows: number,
  prefix = 'dataset.path',
): { rows: CsvRow[]; lines: number } {
  const all = text
    .replace(/^\uFEFF/, '') // spreadsheet exports often start with a byte-order mark
    .replace(/\r?\n$/, '') // a final newline ends the last line; it does not start another
    .split(/\r?\n/);
  const rows = all
    .map((content, i) => ({ line: i + 1, content }))
    .slice(skipRows)
    .filter(({ content }) => content.trim() !== '')
    .map(({ line, content }) => ({ line, cells: splitFields(content, file, line, prefix) }));
  return { rows, lines: text === '' ? 0 : all.length };
}

function splitFields(content: string, file: string, line: number, prefix: string): string[] {
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
    throw new ConfigError([`${prefix}: ${file} line ${line}, column ${quoteColumn}: ${problem}`]);
  }
  cells.push(cell.trim());
  return cells;
}
