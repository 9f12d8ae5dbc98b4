/**
 * The terminal charts of a results folder: dead fraction over epochs for all (or the chosen)
 * configurations, then a layer × epoch heat map per configuration. By default they fit one screen
 * (`screenLines`): the line chart, then the heat maps that tell most (the configurations that end
 * with the most and the fewest dead units, taken from both ends in turn) in fewer rows, and one
 * line naming what was left out. `--charts all` draws everything.
 */
import { wrapWords } from '../layout/text.js';
import type { ConfigurationSeries } from './series.js';
import { layerHeatMap, MAX_ROWS } from './terminal-heatmap.js';
import { deadFractionLines, type TerminalChartOptions } from './terminal-lines.js';

export type { TerminalChartOptions };

/** A screen: the charts printed after a run stay within this many lines. */
export const SCREEN_LINES = 40;
/** Rows of a heat map drawn to fit a screen: two of them fit under the line chart of a few configurations. */
const SCREEN_ROWS = 8;

export interface ChartSelection {
  /** Lines the charts may take; undefined: every chart, full size. */
  screenLines?: number;
}

const lineCount = (text: string) => text.split('\n').length - 1;

export function terminalCharts(
  series: readonly ConfigurationSeries[],
  options: TerminalChartOptions & ChartSelection,
): string {
  const lines = deadFractionLines(series, options);
  if (options.screenLines === undefined) {
    return [lines, ...series.map((item) => layerHeatMap(item, options, MAX_ROWS))].filter(Boolean).join('\n');
  }
  const maps = series.map((item) => layerHeatMap(item, options, SCREEN_ROWS));
  const drawable = series.map((_, i) => i).filter((i) => maps[i] !== '');
  // Charts are separated by a blank line; a note on what was left out takes a blank line and its own.
  let used = lineCount(lines);
  const picked = new Set<number>();
  const order = tellingOrder(series, drawable);
  for (const [n, i] of order.entries()) {
    const cost = (used > 0 ? 1 : 0) + lineCount(maps[i]);
    const note = n < order.length - 1 ? 2 : 0;
    if (used + cost + note > options.screenLines) break;
    picked.add(i);
    used += cost;
  }
  const left = drawable.filter((i) => !picked.has(i)).map((i) => series[i].label);
  const shown = [lines, ...drawable.filter((i) => picked.has(i)).map((i) => maps[i])].filter(Boolean).join('\n');
  return left.length === 0 ? shown : `${shown}${shown === '' ? '' : '\n'}${omittedLine(left, options.width)}\n`;
}

/** The configurations' indices from both ends of their final dead fraction in turn: most, fewest, next most, ... */
function tellingOrder(series: readonly ConfigurationSeries[], indices: readonly number[]): number[] {
  const final = (i: number) => {
    const finite = series[i].deadFraction.map((point) => point.mean).filter(Number.isFinite);
    return finite.length === 0 ? -1 : finite[finite.length - 1];
  };
  const sorted = [...indices].sort((a, b) => final(b) - final(a) || a - b);
  const order: number[] = [];
  while (sorted.length > 0) {
    order.push(sorted.shift()!);
    if (sorted.length > 0) order.push(sorted.pop()!);
  }
  return order;
}

/** One line: how many heat maps were left out, as many of their labels as fit, and how to see them all. */
function omittedLine(labels: readonly string[], width: number): string {
  const line = (listed: number) => {
    const names = labels.slice(0, listed).join(', ');
    const more = labels.length - listed;
    const list = listed === 0 ? `${labels.length} configuration(s)` : `${names}${more > 0 ? ` and ${more} more` : ''}`;
    return `heat maps not drawn: ${list}; --charts all draws them`;
  };
  for (let listed = labels.length; listed > 0; listed--) {
    if ([...line(listed)].length <= width) return line(listed);
  }
  return wrapWords(line(0), width, '  ').join('\n');
}
