/**
 * A configuration's dead fraction per layer over epochs in the terminal: one row per hidden layer
 * (input side at the top), one column per epoch (initialisation at the left), and at the end of
 * each row its dead share at the first and the last epoch in numbers. The cells are shades, so the
 * map reads the same copied as text; with colour each shade is also painted on a yellow-to-red
 * ramp. Hand-drawn: asciichart draws lines only, and a grid of characters needs no library.
 */
import { wrapWords } from '../layout/text.js';
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

/** The shade of `fraction`, painted by its step on the ramp when colour is on. */
function cellOf(fraction: number, color: boolean): string {
  const char = shade(fraction);
  if (!color || !Number.isFinite(fraction)) return char;
  if (fraction <= 0) return `\x1b[2m${char}\x1b[0m`;
  const step = RAMP[Math.min(RAMP.length - 1, Math.ceil(fraction * RAMP.length) - 1)];
  return `\x1b[38;5;${step}m${char}\x1b[0m`;
}

/** "L1", "L3-4": the layers a row holds, 1-based. */
function rowLabel([from, to]: [number, number]): string {
  return to - from === 1 ? `L${from + 1}` : `L${from + 1}-${to}`;
}

/** "12.5%", right-aligned to the widest ("100.0%"); "–" where no seed has a value. */
const share = (fraction: number) => (Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : '–').padStart(6);

/**
 * The heat map of one configuration, with its title and a key; '' for a network without layers.
 * Past `maxRows` layers, neighbouring layers share a row.
 */
export function layerHeatMap(series: ConfigurationSeries, options: TerminalChartOptions, maxRows = MAX_ROWS): string {
  const depth = series.layers.length;
  const epochs = series.layers[0]?.length ?? 0;
  if (depth === 0 || epochs === 0) return '';
  const rows = buckets(depth, maxRows);
  const labelWidth = Math.max(...rows.map((row) => rowLabel(row).length)) + 1;
  // Each row ends in its numbers: "  12.5% →  40.0%", or the one number of a run that trained no epoch.
  const numbersWidth = epochs === 1 ? 2 + 6 : 2 + 6 + 3 + 6;
  const room = Math.max(1, options.width - labelWidth - numbersWidth);
  const columns = buckets(epochs, room);
  const cellWidth = Math.max(1, Math.min(MAX_CELL_WIDTH, Math.floor(room / columns.length)));
  const span = columns.length * cellWidth;
  const grid = rows.map((layers) => {
    // A row's cells: the mean over its layers, then over the epochs a column holds.
    const perEpoch = Array.from({ length: epochs }, (_, e) =>
      meanOf(
        series.layers.map((layer) => layer[e]),
        layers,
      ),
    );
    const cells = columns
      .map((columnSpan) => cellOf(meanOf(perEpoch, columnSpan), options.color).repeat(cellWidth))
      .join('');
    const numbers = epochs === 1 ? share(perEpoch[0]) : `${share(perEpoch[0])} → ${share(perEpoch[epochs - 1])}`;
    return `${rowLabel(layers).padEnd(labelWidth)}${cells}  ${numbers}`;
  });
  const last = String(epochs - 1);
  const axis = `${' '.repeat(labelWidth)}0${epochs === 1 ? '' : last.padStart(Math.max(last.length + 1, span - 1))}`;
  const indent = ' '.repeat(labelWidth);
  const levels = SHADES.map((char, i) => `${cellOf(i / 4, options.color)} ${i === 0 ? '0' : `≤${i * 25}%`}`).join('  ');
  const numbers = epochs === 1 ? 'numbers: epoch 0' : `numbers: epoch 0 → ${last}`;
  const runs = `${series.runs} run${series.runs === 1 ? '' : 's'}`;
  return (
    [
      ...wrapWords(
        `${series.label} (${runs}): dead fraction per layer (rows, input first) by epoch (columns)`,
        options.width,
        '  ',
      ),
      ...grid,
      `${axis}  epoch`,
      ...wrapWords(`${indent}${levels} dead; ${numbers}`, options.width, indent),
    ].join('\n') + '\n'
  );
}
