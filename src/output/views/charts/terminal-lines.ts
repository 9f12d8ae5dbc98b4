/**
 * Dead fraction over epochs in the terminal, one line per configuration (mean over seeds), drawn by
 * asciichart. Each line ends in its number from the legend, so the lines stay apart without colour.
 */
import { createRequire } from 'node:module';
import type { PlotConfig } from 'asciichart';
import type { ConfigurationSeries } from './series.js';
import { interpolate } from './resample.js';

// asciichart is CommonJS and sets its exports inside a wrapper that Node's ESM import cannot see.
const asciichart = createRequire(import.meta.url)('asciichart') as typeof import('asciichart');

export interface TerminalChartOptions {
  /** Columns the chart may use (the terminal's width). */
  width: number;
  /** ANSI colours (off under NO_COLOR and off a terminal). */
  color: boolean;
}

/** More lines than this are not told apart by eye (nor by asciichart's 8 usable colours). */
export const MAX_LINES = 8;
/** Rows of the plot area: 10 rows of 10 points each for a 0-100% axis. */
const HEIGHT = 10;
/** "100% " and the axis: what precedes the plot columns on every row. */
const Y_LABEL_WIDTH = 5;
/** Room right of the plot for the line numbers (" 1 2 3"). */
const END_LABELS_WIDTH = 8;
/** A wide terminal gets a wider chart, up to this: past it lines only stretch. */
const MAX_PLOT_WIDTH = 72;
const MIN_PLOT_WIDTH = 16;

const COLORS = [
  asciichart.blue,
  asciichart.red,
  asciichart.green,
  asciichart.magenta,
  asciichart.cyan,
  asciichart.yellow,
  asciichart.lightblue,
  asciichart.lightred,
];

/**
 * The chart, its x axis and a legend; '' when no configuration has more than one epoch (nothing to
 * draw over epochs). Configurations past MAX_LINES are named in a note.
 */
export function deadFractionLines(series: readonly ConfigurationSeries[], options: TerminalChartOptions): string {
  const shown = series.slice(0, MAX_LINES);
  const lines = shown.map((item) => finitePrefix(item.deadFraction.map((point) => point.mean)));
  const epochs = Math.max(0, ...lines.map((values) => values.length));
  if (epochs < 2) return '';
  const plotWidth = Math.max(
    MIN_PLOT_WIDTH,
    Math.min(MAX_PLOT_WIDTH, options.width - Y_LABEL_WIDTH - 1 - END_LABELS_WIDTH),
  );
  const highest = Math.max(...lines.flat());
  // The axis runs from 0 to the next 10% above the highest mean, so small fractions are not flattened.
  const top = Math.max(0.1, Math.ceil(highest * 10 - 1e-9) / 10);
  const columns = (values: number[]) =>
    interpolate(values, Math.max(1, Math.round(((values.length - 1) / (epochs - 1)) * (plotWidth - 1)) + 1));
  const plotted = lines.map(columns);
  const drawn = plotted.filter((values) => values.length > 0);
  const colors = plotted.flatMap((values, i) => (values.length > 0 ? [COLORS[i % COLORS.length]] : []));
  const config: PlotConfig = {
    min: 0,
    max: top,
    height: HEIGHT,
    // The y labels fill cell 0, the axis cell 1; the first value sits on the axis.
    offset: 2,
    format: (value) => `${(value * 100).toFixed(top < 0.3 ? 1 : 0)}%`.padStart(Y_LABEL_WIDTH),
    colors: options.color ? colors : undefined,
  };
  const rows = asciichart.plot(drawn, config).split('\n');
  // The row of a value as asciichart places it: round(value · ratio) up from the bottom.
  const ratio = HEIGHT / top;
  const rowOf = (value: number) => HEIGHT - Math.round(value * ratio);
  // asciichart marks the axis with '┼' on its top row too (its zero test looks at the wrong row);
  // only a line's first value belongs there.
  if (!drawn.some((values) => rowOf(values[0]) === 0)) rows[0] = rows[0].replace('┼', '┤');
  const tag = (i: number) => paint(String(i + 1), COLORS[i % COLORS.length], options.color);
  plotted.forEach((values, i) => {
    if (values.length === 0) return;
    const row = rowOf(values[values.length - 1]);
    rows[row] = `${rows[row].trimEnd()} ${tag(i)}`;
  });
  const last = epochs - 1;
  const axis = `${' '.repeat(Y_LABEL_WIDTH)}└${'─'.repeat(plotWidth - 1)}`;
  const ticks = placed(Y_LABEL_WIDTH + plotWidth, [
    [Y_LABEL_WIDTH, '0'],
    [Y_LABEL_WIDTH + Math.floor(plotWidth / 2) - 2, 'epoch'],
    [Y_LABEL_WIDTH + plotWidth - String(last).length, String(last)],
  ]);
  const legend = shown.map(
    (item, i) =>
      `  ${tag(i)} ${item.label}${lines[i].length < item.deadFraction.length ? ' (to the last epoch every seed reached)' : ''}`,
  );
  const hidden = series.length - shown.length;
  const note = hidden > 0 ? [`  (${hidden} more configuration(s) not drawn; pick some with --config-filter)`] : [];
  return (
    [
      'dead fraction over epochs (all hidden units, mean over seeds)',
      ...rows.map((row) => row.trimEnd()),
      axis,
      ticks,
      ...legend,
      ...note,
    ].join('\n') + '\n'
  );
}

/** A line `width` wide with each text at its column (later ones win where they overlap). */
function placed(width: number, texts: readonly [number, string][]): string {
  const cells = Array.from({ length: width }, () => ' ');
  for (const [column, text] of texts) [...text].forEach((char, i) => (cells[column + i] = char));
  return cells.join('').trimEnd();
}

/** The values up to the first that is not finite (a configuration whose every seed diverged there). */
function finitePrefix(values: readonly number[]): number[] {
  const end = values.findIndex((value) => !Number.isFinite(value));
  return end < 0 ? [...values] : values.slice(0, end);
}

function paint(text: string, color: string, enabled: boolean): string {
  return enabled ? asciichart.colored(text, color) : text;
}
