/**
 * One configuration's dead fraction per hidden layer (rows, input side at the top) over epochs
 * (columns, initialisation at the left), as an SVG grid of rect.cell marks, one per layer and epoch.
 */
import type { ConfigurationSeries } from '../charts/series.js';
import { escapeHtml } from './escape.js';
import { epochTicks } from './scale.js';
import { axes, NO_DATA, plot, px, rampColor, svg } from './svg.js';

const WIDTH = 300;
const HEIGHT = 200;

/** Layer ticks: the first, the last and about three between. */
function layerTicks(depth: number): number[] {
  const step = Math.max(1, Math.ceil(depth / 4));
  const ticks = [];
  for (let layer = 1; layer < depth; layer += step) ticks.push(layer);
  if (depth - ticks[ticks.length - 1] < step / 2 && ticks.length > 1) ticks.pop();
  return [...ticks, depth];
}

const percent = (fraction: number) => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : 'no data');

export function heatMapSvg(series: ConfigurationSeries, index: number): string {
  const depth = series.layers.length;
  const epochs = series.layers[0]?.length ?? 0;
  // Cell centres sit on whole epochs and layers, so the axes' ticks line up with them.
  const p = plot(WIDTH, HEIGHT, [-0.5, Math.max(epochs, 1) - 0.5], [depth + 0.5, 0.5]);
  const cellWidth = p.x(0.5) - p.x(-0.5);
  const cellHeight = p.y(1.5) - p.y(0.5);
  const cells = series.layers.flatMap((row, layer) =>
    row.map((fraction, epoch) => {
      const title = `layer ${layer + 1}, epoch ${epoch}: ${percent(fraction)} dead`;
      return (
        `<rect class="cell" data-config="${index}" data-layer="${layer + 1}" data-epoch="${epoch}" data-value="${Number.isFinite(fraction) ? fraction : ''}"` +
        ` x="${px(p.x(epoch - 0.5))}" y="${px(p.y(layer + 0.5))}" width="${px(cellWidth)}" height="${px(cellHeight)}"` +
        ` fill="${Number.isFinite(fraction) ? rampColor(fraction) : NO_DATA}"><title>${escapeHtml(title)}</title></rect>`
      );
    }),
  );
  const xTicks = epochTicks(epochs - 1).map((epoch) => ({ value: epoch, label: String(epoch) }));
  const yTicks = layerTicks(depth).map((layer) => ({ value: layer, label: `L${layer}` }));
  const body = `<g class="cells" shape-rendering="crispEdges">${cells.join('')}</g>${axes(p, xTicks, yTicks, 'epoch', 'hidden layer', false)}`;
  return svg(WIDTH, HEIGHT, `${series.label}: dead fraction per layer and epoch`, body);
}
