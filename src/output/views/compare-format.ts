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
import { difference as signedDifference } from './comparisons.js';

export const COMPARE_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

const NAMES: Record<ComparedMetric, string> = { deadFinal: 'dead @end', loss: 'loss', testAccuracy: 'test acc' };
const UNIT: Record<ComparedMetric, { scale: number; digits: number; unit: string }> = {
  deadFinal: { scale: 100, digits: 1, unit: ' (pp)' },
  loss: { scale: 1, digits: 4, unit: '' },
  testAccuracy: { scale: 100, digits: 1, unit: ' (pp)' },
};

/** The line under the table that says how to read it. */
export function compareLegend(sides: { a: string; b: string }): string {
  return (
    `A = ${sides.a}, B = ${sides.b}; Δ = B minus A, mean [95% CI]; * the interval excludes 0; ` +
    'paired t on per-seed differences where both ran the same seeds, Welch\u2019s t otherwise (atanh scale for shares); pp = percentage points'
  );
}

function side(summary: Summary, metric: ComparedMetric): string {
  return metric === 'loss' ? decimal(summary) : percentWithCi(summary);
}

function delta(difference: MeanDifference, metric: ComparedMetric, differs: boolean): string {
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
  );
  return differs ? `${text} *` : text;
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

export function formatComparison(
  comparison: FolderComparison,
  sides: { a: string; b: string },
  format: CompareFormat,
): string {
  switch (format) {
    case 'table': {
      const table = new Table({ head: headings(), style: { head: [], border: [] } });
      table.push(...rows(comparison));
      return `${table.toString()}\n${compareLegend(sides)}\n`;
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
      return `${JSON.stringify({ a: sides.a, b: sides.b, ...comparison }, null, 2)}\n`;
  }
}
