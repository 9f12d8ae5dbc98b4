/**
 * Box tables that fit a width: the caller lists its layouts from the richest to the most compact,
 * and the first whose widest line fits is printed. Measured on the rendered text, so what is
 * checked is exactly what is shown.
 */
import Table from 'cli-table3';
import { longestWord, widestLine, wrapWords } from './text.js';

export interface TableColumn {
  heading: string;
  /** One cell per row; a cell may hold several lines ("\n"). */
  cells: string[];
}

/** A box table without colours: it goes to files and CI logs as often as to terminals. */
export function boxTable(head: readonly string[], rows: readonly string[][]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  table.push(...rows.map((row) => [...row]));
  return `${table.toString()}\n`;
}

/**
 * A box table of `columns` whose headings wrap (at spaces) to the width of their column's cells,
 * so a short column is not widened by a long heading; a heading is never narrower than its longest word.
 */
export function compactTable(columns: readonly TableColumn[]): string {
  const head = columns.map((column) => {
    const cellWidth = Math.max(0, ...column.cells.map(widestLine));
    return wrapWords(column.heading, Math.max(cellWidth, longestWord(column.heading))).join('\n');
  });
  const rows = (columns[0]?.cells ?? []).map((_, row) => columns.map((column) => column.cells[row]));
  return boxTable(head, rows);
}

/** `text` wrapped at spaces to `width`, or to its longest word when that is wider; one cell's lines. */
export function wrapCell(text: string, width: number): string {
  return wrapWords(text, Math.max(width, longestWord(text))).join('\n');
}

/**
 * The first of `layouts` (richest first) whose widest line is at most `width` columns; the last one
 * when none fits (the most compact there is). No width: the first, as it always was.
 */
export function firstThatFits(width: number | undefined, layouts: Iterable<string>): string {
  let last = '';
  for (const text of layouts) {
    if (width === undefined || widestLine(text) <= width) return text;
    last = text;
  }
  return last;
}
