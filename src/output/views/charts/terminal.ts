/**
 * Every terminal chart of a results folder: dead fraction over epochs for all (or the chosen)
 * configurations, then a layer × epoch heat map for each of them.
 */
import type { ConfigurationSeries } from './series.js';
import { layerHeatMap } from './terminal-heatmap.js';
import { deadFractionLines, type TerminalChartOptions } from './terminal-lines.js';

export type { TerminalChartOptions };

export function terminalCharts(series: readonly ConfigurationSeries[], options: TerminalChartOptions): string {
  return [deadFractionLines(series, options), ...series.map((item) => layerHeatMap(item, options))]
    .filter(Boolean)
    .join('\n');
}
