/**
 * What `inspect` prints and writes: a terminal table, markdown, CSV (one row per measured layer)
 * or JSON. Pure functions from a report to text.
 */
import Table from 'cli-table3';
import { toCsv } from '../output/results/csv.js';
import { percent } from '../output/views/summary-row.js';
import type { DeadUnitsReport, LayerResult } from './measure.js';

export const INSPECT_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type InspectFormat = (typeof INSPECT_FORMATS)[number];

const LAYERS_HEADER = [
  'layer',
  'name',
  'kind',
  'activation',
  'path',
  'units',
  'dead_units',
  'dead_fraction',
  'near_dead_units',
  'near_dead_fraction',
  'active_rate',
  'dead_unit_indices',
] as const;

/** layers.csv: one row per measured layer; dead units' indices space-separated. */
export function layersCsv(report: DeadUnitsReport): string {
  return toCsv(
    LAYERS_HEADER,
    report.layers.map((layer) => [
      layer.index,
      layer.layer,
      layer.kind,
      layer.activation,
      layer.path.join(' > '),
      layer.units,
      layer.deadUnits,
      layer.deadFraction,
      layer.nearDeadUnits,
      layer.nearDeadFraction,
      layer.activeRate,
      layer.deadUnitIndices.join(' '),
    ]),
  );
}

const HEADINGS = ['#', 'layer', 'kind', 'rectifier', 'units', 'dead', 'near-dead', 'active rate'];

/** "leaky_relu alpha=0.1 (after bn)": the rectifier, and what stands between it and the layer. */
function rectifier(layer: LayerResult): string {
  const between = layer.path.slice(1, -1);
  return between.length === 0 ? layer.activation : `${layer.activation} (after ${between.join(', ')})`;
}

function row(layer: LayerResult): string[] {
  return [
    String(layer.index),
    layer.layer,
    layer.kind,
    rectifier(layer),
    String(layer.units),
    `${layer.deadUnits} (${percent(layer.deadFraction)})`,
    `${layer.nearDeadUnits} (${percent(layer.nearDeadFraction)})`,
    percent(layer.activeRate),
  ];
}

/** "all measured: 14 of 34 units dead (41.2%); no layer entirely dead" */
function totalLine(report: DeadUnitsReport): string {
  const units = report.layers.reduce((sum, layer) => sum + layer.units, 0);
  const dead = report.layers.reduce((sum, layer) => sum + layer.deadUnits, 0);
  const collapsed = report.layers
    .filter((layer) => layer.units > 0 && layer.deadUnits === layer.units)
    .map((layer) => layer.layer);
  const collapse =
    collapsed.length === 0 ? 'no layer entirely dead' : `collapsed: every unit of ${collapsed.join(', ')} is dead`;
  return `all measured: ${dead} of ${units} units dead (${percent(report.deadFraction)}) on ${report.probeRows} probe rows; ${collapse}`;
}

function notMeasuredLines(report: DeadUnitsReport): string[] {
  return report.notMeasured.map((entry) => `not measured: ${entry.layer} (${entry.kind}): ${entry.reason}`);
}

function formatTable(report: DeadUnitsReport): string {
  const table = new Table({ head: HEADINGS, style: { head: [], border: [] } });
  table.push(...report.layers.map(row));
  return [table.toString(), totalLine(report), ...notMeasuredLines(report)].join('\n') + '\n';
}

function formatMarkdown(report: DeadUnitsReport): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${HEADINGS.join(' | ')} |`,
    `|${HEADINGS.map(() => '---').join('|')}|`,
    ...report.layers.map((layer) => `| ${row(layer).map(escape).join(' | ')} |`),
    '',
    totalLine(report),
  ];
  if (report.notMeasured.length > 0)
    lines.push(
      '',
      ...report.notMeasured.map((entry) => `- not measured: \`${entry.layer}\` (${entry.kind}): ${entry.reason}`),
    );
  return `${lines.join('\n')}\n`;
}

function formatJson(report: DeadUnitsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatInspect(report: DeadUnitsReport, format: InspectFormat): string {
  switch (format) {
    case 'table':
      return formatTable(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'csv':
      return layersCsv(report);
    case 'json':
      return formatJson(report);
  }
}
