/**
 * What `dead-neurons compare` prints: one row per shared configuration with A, B and B minus A
 * (mean [95% CI]) for the final dead fraction, loss and test accuracy; a difference whose interval
 * excludes 0 is marked `*`. Terminal table, markdown (for a pull request), CSV or JSON.
 */
import Table from 'cli-table3';
import type { Summary } from '../../metrics/statistics.js';
import type { MeanDifference } from '../../metrics/welch.js';
import { COMPARED_METRICS, type ComparedMetric, type FolderComparison } from './compare.js';
import { toCsv } from '../results/csv.js';
import { decimal, percentWithCi } from './summary-row.js';
import { difference as signedDifference, type DifferenceLines } from './comparisons.js';
import { differenceLine, type ConfigDifference } from './config-diff.js';
import { compactTable, firstThatFits, wrapCell, type TableColumn } from './layout/table.js';
import { wrapLines } from './layout/text.js';

export const COMPARE_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

const NAMES: Record<ComparedMetric, string> = { deadFinal: 'dead @end', loss: 'loss', testAccuracy: 'test acc' };
const UNIT: Record<ComparedMetric, { scale: number; digits: number; unit: string }> = {
  deadFinal: { scale: 100, digits: 1, unit: ' (pp)' },
  loss: { scale: 1, digits: 4, unit: '' },
  testAccuracy: { scale: 100, digits: 1, unit: ' (pp)' },
};

/** The line under the table that says how to read it. */
function compareLegend(sides: { a: string; b: string }): string {
  return (
    `A = ${sides.a}, B = ${sides.b}; Δ = B minus A, mean [95% CI]; * the interval excludes 0; ` +
    'paired t on per-seed differences where both ran the same seeds, Welch\u2019s t otherwise (atanh scale for shares); pp = percentage points'
  );
}

function side(summary: Summary, metric: ComparedMetric, lines: DifferenceLines = 1): string {
  const separator = lines === 1 ? ' ' : '\n';
  const inner = lines === 3 ? '\n' : ' ';
  return metric === 'loss' ? decimal(summary, separator, inner) : percentWithCi(summary, separator, inner);
}

/** B minus A with its interval; a `*` after the mean line when the interval excludes 0. */
function delta(
  difference: MeanDifference,
  metric: ComparedMetric,
  differs: boolean,
  shape: { lines: DifferenceLines; unit?: boolean } = { lines: 1 },
): string {
  const { scale, digits } = UNIT[metric];
  const n = difference.low === null ? 1 : 2;
  const text = signedDifference(
    {
      n: Number.isFinite(difference.mean) ? n : 0,
      mean: difference.mean,
      std: null,
      low: difference.low,
      high: difference.high,
    },
    scale,
    digits,
    shape.lines,
  );
  // The compact layout has no heading per metric to name the unit: the mean carries it.
  const unit = shape.unit && scale === 100 && text !== '–' ? ' pp' : '';
  const [mean, interval] =
    shape.lines === 1
      ? [text.split(' [')[0], text.slice(text.split(' [')[0].length)]
      : [text.split('\n')[0], text.slice(text.split('\n')[0].length)];
  // On one line the mark ends it, as it always has; on several it follows the mean.
  if (shape.lines === 1) return `${mean}${unit}${interval}${differs ? ' *' : ''}`;
  return `${mean}${unit}${differs ? ' *' : ''}${interval}`;
}

function headings(): string[] {
  return [
    'configuration',
    'runs A/B',
    'test',
    ...COMPARED_METRICS.flatMap((metric) => [
      `${NAMES[metric]} A`,
      `${NAMES[metric]} B`,
      `Δ ${NAMES[metric]}${UNIT[metric].unit}`,
    ]),
  ];
}

function rows(comparison: FolderComparison): string[][] {
  return comparison.shared.map((row) => [
    row.label,
    `${row.seedsA.length}/${row.seedsB.length}`,
    row.method,
    ...COMPARED_METRICS.flatMap((metric) => {
      const m = row.metrics[metric];
      return [side(m.a, metric), side(m.b, metric), delta(m.difference, metric, m.differs)];
    }),
  ]);
}

interface CompactShape {
  /** Lines of A's and B's cells, and of the differences. */
  sides: DifferenceLines;
  lines: DifferenceLines;
  wrapLabels: boolean;
}

/**
 * The narrow layout: the metrics become lines inside each configuration's row (metric, A, B, Δ),
 * four value columns instead of nine; each metric's lines start level across the row.
 */
function compactColumns(comparison: FolderComparison, shape: CompactShape): TableColumn[] {
  const cells = comparison.shared.map((row) => {
    const blocks = COMPARED_METRICS.map((metric) => {
      const m = row.metrics[metric];
      const block = [
        NAMES[metric],
        side(m.a, metric, shape.sides),
        side(m.b, metric, shape.sides),
        delta(m.difference, metric, m.differs, { lines: shape.lines, unit: true }),
      ];
      const height = Math.max(...block.map((text) => text.split('\n').length));
      return block.map((text) => text + '\n'.repeat(height - text.split('\n').length));
    });
    const column = (i: number) => blocks.map((block) => block[i]).join('\n');
    return [
      shape.wrapLabels ? wrapCell(row.label, 'configuration'.length) : row.label,
      `${row.seedsA.length}/${row.seedsB.length}\n${row.method}`,
      column(0),
      column(1),
      column(2),
      column(3),
    ];
  });
  return ['configuration', 'runs A/B, test', 'metric', 'A', 'B', 'Δ = B − A'].map((heading, i) => ({
    heading,
    cells: cells.map((row) => row[i]),
  }));
}

function* tableLayouts(comparison: FolderComparison): Generator<string> {
  const table = new Table({ head: headings(), style: { head: [], border: [] } });
  table.push(...rows(comparison));
  yield `${table.toString()}\n`;
  for (const shape of [
    { sides: 1, lines: 1, wrapLabels: false },
    { sides: 2, lines: 2, wrapLabels: false },
    { sides: 2, lines: 2, wrapLabels: true },
    { sides: 2, lines: 3, wrapLabels: true },
    { sides: 3, lines: 3, wrapLabels: true },
  ] as const) {
    yield compactTable(compactColumns(comparison, shape));
  }
}

export interface ComparisonOutput {
  /** Columns the table fits (none: full width). Markdown, CSV and JSON are file formats and never wrapped. */
  width?: number;
  /** The config fields in which A and B differ. */
  differences?: readonly ConfigDifference[];
}

/** The lines that say how A's and B's configs differ ("training.learningRate: 0.01 vs 0.001"), or that they do not. */
export function differenceLines(differences: readonly ConfigDifference[], bullet = '  '): string[] {
  if (differences.length === 0) return ['configs: the same in A and B'];
  return [
    `config fields that differ (A vs B):`,
    ...differences.map((difference) => `${bullet}${differenceLine(difference)}`),
  ];
}

export function formatComparison(
  comparison: FolderComparison,
  sides: { a: string; b: string },
  format: CompareFormat,
  output: ComparisonOutput = {},
): string {
  const differences = output.differences ?? [];
  switch (format) {
    case 'table': {
      const table = firstThatFits(output.width, tableLayouts(comparison));
      const notes = [compareLegend(sides), ...(output.differences ? differenceLines(differences) : [])];
      return `${table}${wrapLines(`${notes.join('\n')}\n`, output.width, '    ')}`;
    }
    case 'markdown': {
      const escape = (text: string) => text.replace(/\|/g, '\\|');
      const lines = [
        `| ${headings().join(' | ')} |`,
        `|${headings()
          .map(() => '---')
          .join('|')}|`,
        ...rows(comparison).map((row) => `| ${row.map(escape).join(' | ')} |`),
        '',
        escape(compareLegend(sides)),
        ...(output.differences ? ['', ...differenceLines(differences, '- ')] : []),
      ];
      return `${lines.join('\n')}\n`;
    }
    case 'csv': {
      const header = ['configuration', 'runs_a', 'runs_b', 'interval'];
      const columns = (metric: string) => [
        `${metric}_a_mean`,
        `${metric}_b_mean`,
        `${metric}_diff_mean`,
        `${metric}_diff_low`,
        `${metric}_diff_high`,
        `${metric}_differs`,
      ];
      const snake: Record<ComparedMetric, string> = {
        deadFinal: 'dead_fraction_final',
        loss: 'loss',
        testAccuracy: 'test_accuracy',
      };
      return toCsv(
        [...header, ...COMPARED_METRICS.flatMap((metric) => columns(snake[metric]))],
        comparison.shared.map((row) => [
          row.label,
          row.seedsA.length,
          row.seedsB.length,
          row.method === 'paired' ? 'paired t' : 'welch t',
          ...COMPARED_METRICS.flatMap((metric) => {
            const m = row.metrics[metric];
            return [m.a.mean, m.b.mean, m.difference.mean, m.difference.low, m.difference.high, m.differs];
          }),
        ]),
      );
    }
    case 'json':
      return `${JSON.stringify({ a: sides.a, b: sides.b, ...comparison, ...(output.differences && { configDifferences: differences }) }, null, 2)}\n`;
  }
}
