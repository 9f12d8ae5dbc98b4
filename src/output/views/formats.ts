/**
 * What `--format` prints to stdout: a terminal table, markdown, the summary CSV or JSON. Pure
 * functions from the experiment's summaries to text.
 */
import { pairedComparisons } from '../../metrics/comparisons.js';
import { summaryCsv } from '../results/csv.js';
import type { ReportData } from '../results/folder.js';
import { labelledConfigurations, resolveBaseline } from '../results/baseline.js';
import { COMPARISON_HEADINGS, comparisonRow, comparisonTitle, type ComparisonRow } from './comparisons.js';
import { formatTable } from './summary-table.js';
import { SUMMARY_HEADINGS, summaryRow, type SummaryRow } from './summary-row.js';

export const OUTPUT_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The same report with its comparisons made against the baseline `wanted` names (FIELD=VALUE, a
 * label as shown, or a row number from 1; none: the report's own). A string says why `wanted`
 * names none.
 */
export function withBaseline(report: ReportData, wanted: string | undefined): ReportData | string {
  if (wanted === undefined) return report;
  const baseline = resolveBaseline(labelledConfigurations(report.runs, report.name), wanted);
  return typeof baseline === 'string'
    ? baseline
    : { ...report, baseline, comparisons: pairedComparisons(report.runs, baseline) };
}

const COLUMNS = Object.keys(SUMMARY_HEADINGS) as (keyof SummaryRow)[];
const COMPARISON_COLUMNS = Object.keys(COMPARISON_HEADINGS) as (keyof ComparisonRow)[];

function markdownTable<K extends string>(
  columns: readonly K[],
  headings: Record<K, string>,
  rows: readonly Record<K, string>[],
): string[] {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${columns.map((column) => headings[column]).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map((column) => escape(row[column])).join(' | ')} |`),
  ];
}

export function formatMarkdown(report: ReportData): string {
  const lines = markdownTable(
    COLUMNS,
    SUMMARY_HEADINGS,
    report.configurations.map((configuration) => summaryRow(configuration, report.name)),
  );
  if (report.comparisons.length > 0) {
    lines.push(
      '',
      comparisonTitle(report.comparisons, report.name, report.baseline),
      '',
      ...markdownTable(
        COMPARISON_COLUMNS,
        COMPARISON_HEADINGS,
        report.comparisons.map((comparison) => comparisonRow(comparison, report.name)),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function formatJson(report: ReportData): string {
  const { name, configurations, comparisons, runs } = report;
  return `${JSON.stringify({ name, configurations, comparisons, runs }, null, 2)}\n`;
}

/**
 * `report` as `format` asks. The table fits `width` columns (the terminal's; none: full width).
 * Markdown, CSV and JSON are file formats, never wrapped: a markdown table is read rendered, where
 * the renderer wraps it, and a row split over two lines would no longer be a table.
 */
export function formatReport(report: ReportData, format: OutputFormat, width?: number): string {
  switch (format) {
    case 'table':
      return formatTable(report, width);
    case 'markdown':
      return formatMarkdown(report);
    case 'csv':
      return summaryCsv(report.configurations, report.sweptPaths);
    case 'json':
      return formatJson(report);
  }
}
