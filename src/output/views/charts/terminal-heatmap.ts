/**
 * A configuration's dead fraction per layer over epochs in the terminal: one row per hidden layer
 * (input side at the top), one column per epoch (initialisation at the left). Without colour the
 * cells are shades; with colour, blocks on a yellow-to-red ramp. Hand-drawn: asciichart draws lines
 * only, and a grid of characters needs no library.
 */
import type { ConfigurationSeries } from './series.js';
import { buckets, meanOf } from './resample.js';
import type { TerminalChartOptions } from './terminal-lines.js';

/** Past this many layers, neighbouring layers share a row (a 40-layer net stays one screen tall). */
export const MAX_ROWS = 16;
/** Columns per epoch when few epochs leave room: wider cells read better. */
const MAX_CELL_WIDTH = 3;

/** Shades for none dead, then up to 25%, 50%, 75% and 100% dead. */
const SHADES = ['·', '░', '▒', '▓', '█'];
/** 256-colour codes from pale yellow to dark red: nine steps of 1/9 each. */
const RAMP = [229, 222, 215, 208, 202, 196, 160, 124, 88];

function shade(fraction: number): string {
  if (!Number.isFinite(fraction)) return ' ';
  if (fraction <= 0) return SHADES[0];
  return SHADES[Math.min(SHADES.length - 1, Math.ceil(fraction * (SHADES.length - 1)))];
}

function colored(fraction: number): string {
  if (!Number.isFinite(fraction)) return ' ';
  if (fraction <= 0) return '\x1b[2m·\x1b[0m';
  const step = RAMP[Math.min(RAMP.length - 1, Math.ceil(fraction * RAMP.length) - 1)];
  return `\x1b[38;5;${step}m█\x1b[0m`;
}

/** "L1", "L3-4": the layers a row holds, 1-based. */
function rowLabel([from, to]: [number, number]): string {
  return to - from === 1 ? `L${from + 1}` : `L${from + 1}-${to}`;
}

/** The heat map of one configuration, with its title and a key; '' for a network without layers. */
export function layerHeatMap(series: ConfigurationSeries, options: TerminalChartOptions): string {
  const depth = series.layers.length;
  const epochs = series.layers[0]?.length ?? 0;
  if (depth === 0 || epochs === 0) return '';
  const rows = buckets(depth, MAX_ROWS);
  const labelWidth = Math.max(...rows.map((row) => rowLabel(row).length)) + 1;
  const room = Math.max(1, options.width - labelWidth);
  const columns = buckets(epochs, room);
  const cellWidth = Math.max(1, Math.min(MAX_CELL_WIDTH, Math.floor(room / columns.length)));
  const cell = (fraction: number) => (options.color ? colored(fraction) : shade(fraction)).repeat(cellWidth);
  const grid = rows.map((layers) => {
    // A row's cells: the mean over its layers, then over the epochs a column holds.
    const perEpoch = Array.from({ length: epochs }, (_, e) =>
      meanOf(
        series.layers.map((layer) => layer[e]),
        layers,
      ),
    );
    return `${rowLabel(layers).padEnd(labelWidth)}${columns.map((span) => cell(meanOf(perEpoch, span))).join('')}`.trimEnd();
  });
  const last = String(epochs - 1);
  const span = columns.length * cellWidth;
  const axis = `${' '.repeat(labelWidth)}0${last.padStart(Math.max(last.length + 1, span - 1))}`;
  const key = options.color
    ? `${' '.repeat(labelWidth)}${colored(0)} 0  ${RAMP.map((_, i) => colored((i + 1) / RAMP.length)).join('')} up to 100% dead`
    : `${' '.repeat(labelWidth)}${SHADES.map((char, i) => `${char} ${i === 0 ? '0' : `≤${i * 25}%`}`).join('  ')} dead`;
  const runs = `${series.runs} run${series.runs === 1 ? '' : 's'}`;
  return (
    [
      `${series.label} (${runs}): dead fraction per layer (rows, input side first) by epoch (columns)`,
      ...grid,
      `${axis}  epoch`,
      key,
    ].join('\n') + '\n'
  );
}
