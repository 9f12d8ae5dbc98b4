/**
 * What `--format` prints to stdout: a terminal table, markdown, the summary CSV or JSON. Pure
 * functions from the experiment's summaries to text.
 */
import Table from 'cli-table3';
import type { ConfigurationSummary, RunSummary } from '../metrics/aggregate.js';
import { summaryCsv } from './csv.js';
import { SUMMARY_HEADINGS, summaryRow, type SummaryRow } from './view.js';

export const OUTPUT_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface ReportData {
  name: string;
  sweptPaths: string[];
  configurations: ConfigurationSummary[];
  runs: RunSummary[];
}

const COLUMNS = Object.keys(SUMMARY_HEADINGS) as (keyof SummaryRow)[];

export function formatTable(report: ReportData): string {
  // No colours: the table goes to files and CI logs as often as to terminals.
  const table = new Table({ head: COLUMNS.map((column) => SUMMARY_HEADINGS[column]), style: { head: [], border: [] } });
  for (const configuration of report.configurations) {
    const row = summaryRow(configuration, report.name);
    table.push(COLUMNS.map((column) => row[column]));
  }
  return `${table.toString()}\n`;
}

export function formatMarkdown(report: ReportData): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${COLUMNS.map((column) => SUMMARY_HEADINGS[column]).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...report.configurations.map((configuration) => {
      const row = summaryRow(configuration, report.name);
      return `| ${COLUMNS.map((column) => escape(row[column])).join(' | ')} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: ReportData): string {
  return `${JSON.stringify({ name: report.name, configurations: report.configurations, runs: report.runs }, null, 2)}\n`;
}

export function formatReport(report: ReportData, format: OutputFormat): string {
  switch (format) {
    case 'table':
      return formatTable(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'csv':
      return summaryCsv(report.configurations, report.sweptPaths);
    case 'json':
      return formatJson(report);
  }
}
