/**
 * The terminal tables of `run`, `report` and `merge`: the summary over seeds, then the paired
 * comparisons. At full width (or with no width known: a file, a pipe) each is the table it always
 * was; below it, the richest compact layout that fits: empty columns left out, intervals under
 * their means, the per-layer bar shortened, labels wrapped, the run count under the label, and as
 * a last resort the bar and the dead fraction at initialisation left out.
 */
import type { ConfigurationSummary } from '../../metrics/aggregate.js';
import type { Comparison } from '../../metrics/comparisons.js';
import type { Baseline } from '../../metrics/baseline.js';
import {
  COMPARISON_HEADINGS,
  comparisonRow,
  comparisonTitle,
  type ComparisonRow,
  type DifferenceLines,
} from './comparisons.js';
import { boxTable, compactTable, firstThatFits, wrapCell, type TableColumn } from './layout/table.js';
import { widestLine, wrapLines } from './layout/text.js';
import { MAX_BAR_WIDTH, SUMMARY_HEADINGS, summaryRow, type SummaryRow } from './summary-row.js';

/** What the tables show: the configurations over seeds and their comparisons with the baseline. */
export interface TableReport {
  name: string;
  configurations: readonly ConfigurationSummary[];
  comparisons: readonly Comparison[];
  /** What the comparisons are made against; its kind decides how their title says so. */
  baseline?: Baseline | null;
}

const SUMMARY_COLUMNS = Object.keys(SUMMARY_HEADINGS) as (keyof SummaryRow)[];
const COMPARISON_COLUMNS = Object.keys(COMPARISON_HEADINGS) as (keyof ComparisonRow)[];
/** A per-layer bar shorter than this says too little to be worth its column. */
const MIN_BAR_WIDTH = 8;
/** Labels wrap to this (the heading "configuration" is as wide) or to their longest word. */
const LABEL_WIDTH = 'configuration'.length;
/** Notes wrap to this many columns in the narrowest layouts. */
const NOTES_WIDTH = 16;
/** A box column costs its cells plus a border and a space either side. */
const COLUMN_FRAME = 3;

/** The summary table, then the comparisons under their title, each fitted to `width` columns (none: full). */
export function formatTable(report: TableReport, width?: number): string {
  const summary = firstThatFits(width, summaryLayouts(report, width));
  if (report.comparisons.length === 0) return summary;
  const title = wrapLines(comparisonTitle(report.comparisons, report.name, report.baseline), width);
  return `${summary}${title}\n${firstThatFits(width, comparisonLayouts(report))}`;
}

interface SummaryShape {
  stacked: boolean;
  wrapLabels: boolean;
  /** The run count under the label instead of in a column of its own. */
  runsInLabel: boolean;
  /** Each interval's ends on lines of their own: the loss's, by its ends, is the widest cell. */
  splitIntervals: boolean;
  /** Characters of the per-layer bar; null leaves the column out. */
  bar: number | null;
  withInit: boolean;
}

/** The compact layouts, each giving up a little more than the one before; 'fit' gives the bar what is left. */
const SUMMARY_SHAPES: (Omit<SummaryShape, 'bar'> & { bar: 'full' | 'fit' | null })[] = [
  { stacked: false, wrapLabels: false, runsInLabel: false, splitIntervals: false, bar: 'full', withInit: true },
  { stacked: true, wrapLabels: false, runsInLabel: false, splitIntervals: false, bar: 'fit', withInit: true },
  { stacked: true, wrapLabels: true, runsInLabel: false, splitIntervals: false, bar: 'fit', withInit: true },
  { stacked: true, wrapLabels: true, runsInLabel: true, splitIntervals: false, bar: 'fit', withInit: true },
  { stacked: true, wrapLabels: true, runsInLabel: true, splitIntervals: false, bar: null, withInit: true },
  { stacked: true, wrapLabels: true, runsInLabel: true, splitIntervals: false, bar: null, withInit: false },
  { stacked: true, wrapLabels: true, runsInLabel: true, splitIntervals: true, bar: null, withInit: false },
];

function* summaryLayouts(report: TableReport, width: number | undefined): Generator<string> {
  const full = report.configurations.map((configuration) => summaryRow(configuration, report.name));
  yield boxTable(
    SUMMARY_COLUMNS.map((column) => SUMMARY_HEADINGS[column]),
    full.map((row) => SUMMARY_COLUMNS.map((column) => row[column])),
  );
  if (width === undefined) return;
  const naturalBar = Math.min(MAX_BAR_WIDTH, Math.max(0, ...report.configurations.map((c) => c.layerDeadFinal.length)));
  const render = (shape: SummaryShape) => compactTable(summaryColumns(report, shape));
  for (const { bar, ...shape } of SUMMARY_SHAPES) {
    if (bar !== 'fit') {
      yield render({ ...shape, bar: bar === 'full' ? naturalBar : null });
      continue;
    }
    // The bar takes what the other columns leave, between MIN_BAR_WIDTH and its full length.
    const room = width - widestLine(render({ ...shape, bar: null })) - COLUMN_FRAME;
    if (room >= Math.min(MIN_BAR_WIDTH, naturalBar)) yield render({ ...shape, bar: Math.min(room, naturalBar) });
  }
}

function summaryColumns(report: TableReport, shape: SummaryShape): TableColumn[] {
  const rows = report.configurations.map((configuration) =>
    summaryRow(configuration, report.name, {
      stacked: shape.stacked,
      splitIntervals: shape.splitIntervals,
      barWidth: shape.bar ?? undefined,
    }),
  );
  const notes = rows.some((row) => row.notes !== '');
  const shown = SUMMARY_COLUMNS.filter(
    (column) =>
      (column !== 'notes' || notes) &&
      (column !== 'layers' || shape.bar !== null) &&
      (column !== 'deadAtInit' || shape.withInit) &&
      (column !== 'runs' || !shape.runsInLabel),
  );
  const label = (row: SummaryRow) => {
    const text = shape.wrapLabels ? wrapCell(row.configuration, LABEL_WIDTH) : row.configuration;
    return shape.runsInLabel ? `${text}\n${row.runs} run${row.runs === '1' ? '' : 's'}` : text;
  };
  return shown.map((column) => ({
    heading: SUMMARY_HEADINGS[column],
    cells: rows.map((row) =>
      column === 'configuration'
        ? label(row)
        : column === 'notes' && shape.wrapLabels
          ? row[column]
              .split('\n')
              .map((note) => wrapCell(note, NOTES_WIDTH))
              .join('\n')
          : row[column],
    ),
  }));
}

interface ComparisonShape {
  lines: DifferenceLines;
  wrapLabels: boolean;
  withInit: boolean;
}

function* comparisonLayouts(report: TableReport): Generator<string> {
  const full = report.comparisons.map((comparison) => comparisonRow(comparison, report.name));
  yield boxTable(
    COMPARISON_COLUMNS.map((column) => COMPARISON_HEADINGS[column]),
    full.map((row) => COMPARISON_COLUMNS.map((column) => row[column])),
  );
  for (const shape of [
    { lines: 1, wrapLabels: false, withInit: true },
    { lines: 2, wrapLabels: false, withInit: true },
    { lines: 2, wrapLabels: true, withInit: true },
    { lines: 3, wrapLabels: true, withInit: true },
    { lines: 3, wrapLabels: true, withInit: false },
  ] as const) {
    yield compactTable(comparisonColumns(report, shape));
  }
}

function comparisonColumns(report: TableReport, shape: ComparisonShape): TableColumn[] {
  const rows = report.comparisons.map((comparison) => comparisonRow(comparison, report.name, shape.lines));
  const notes = rows.some((row) => row.notes !== '');
  const shown = COMPARISON_COLUMNS.filter(
    (column) => (column !== 'notes' || notes) && (column !== 'deadAtInit' || shape.withInit),
  );
  return shown.map((column) => ({
    heading: COMPARISON_HEADINGS[column],
    cells: rows.map((row) =>
      shape.wrapLabels && (column === 'configuration' || column === 'notes')
        ? row[column]
            .split('\n')
            .map((text) => wrapCell(text, column === 'notes' ? NOTES_WIDTH : LABEL_WIDTH))
            .join('\n')
        : row[column],
    ),
  }));
}
