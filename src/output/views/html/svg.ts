/**
 * SVG building blocks for the HTML report, as strings: a plot frame with axes, line and band paths,
 * colours. Every mark carries a class (and data- attributes) so a browser test can count them.
 */
import { escapeHtml } from './escape.js';
import { linearScale, type Scale } from './scale.js';

/** Okabe and Ito's palette, told apart under the common colour-vision deficiencies; then dashes. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999933'];

/** The colour and dash pattern of series number `index`; dashed once the palette comes round again. */
export function seriesStyle(index: number): { color: string; dash: string } {
  const round = Math.floor(index / PALETTE.length);
  return { color: PALETTE[index % PALETTE.length], dash: ['', '6 3', '2 2', '8 3 2 3'][round % 4] };
}

/** Heat-map ramp from pale yellow (no unit dead) to dark red (every unit dead); grey for no data. */
const RAMP = ['#ffffcc', '#fed976', '#fd8d3c', '#e31a1c', '#800026'];
export const NO_DATA = '#d9d9d9';

export function rampColor(fraction: number): string {
  if (!Number.isFinite(fraction)) return NO_DATA;
  const at = Math.min(1, Math.max(0, fraction)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(at));
  const mix = (a: string, b: string, t: number) =>
    Math.round(parseInt(a, 16) + (parseInt(b, 16) - parseInt(a, 16)) * t);
  const [from, to] = [RAMP[i], RAMP[i + 1]];
  return `#${[1, 3, 5]
    .map((p) =>
      mix(from.slice(p, p + 2), to.slice(p, p + 2), at - i)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The CSS gradient of the ramp, for the heat maps' key. */
export const RAMP_GRADIENT = `linear-gradient(to right, ${RAMP.join(', ')})`;

/** Pixel coordinates with one decimal: enough for a screen, and stable text. */
export const px = (value: number) => (Math.round(value * 10) / 10).toString();

export interface Plot {
  width: number;
  height: number;
  /** The plot area inside the margins. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: Scale;
  y: Scale;
}

const MARGIN = { top: 10, right: 14, bottom: 38, left: 54 };

/** A plot of `width` × `height` pixels whose area shows `xDomain` × `yDomain` (y upwards). */
export function plot(
  width: number,
  height: number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): Plot {
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    x: linearScale(xDomain, [left, right]),
    y: linearScale(yDomain, [bottom, top]),
  };
}

export interface Tick {
  value: number;
  label: string;
}

/** Axis lines, ticks with labels, light grid lines at the y ticks (unless `gridLines` is false), and the two axis titles. */
export function axes(
  p: Plot,
  xTicks: readonly Tick[],
  yTicks: readonly Tick[],
  xTitle: string,
  yTitle: string,
  gridLines = true,
): string {
  const parts = [
    ...(gridLines ? yTicks : []).map(
      (tick) =>
        `<line class="gridline" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(p.y(tick.value))}" y2="${px(p.y(tick.value))}"/>`,
    ),
    `<line class="axis" x1="${px(p.left)}" x2="${px(p.right)}" y1="${px(p.bottom)}" y2="${px(p.bottom)}"/>`,
    `<line class="axis" x1="${px(p.left)}" x2="${px(p.left)}" y1="${px(p.top)}" y2="${px(p.bottom)}"/>`,
    ...xTicks.map(
      (tick) =>
        `<text class="tick" x="${px(p.x(tick.value))}" y="${px(p.bottom + 14)}" text-anchor="middle">${escapeHtml(tick.label)}</text>`,
    ),
    ...yTicks.map(
      (tick) =>
        `<text class="tick" x="${px(p.left - 5)}" y="${px(p.y(tick.value) + 4)}" text-anchor="end">${escapeHtml(tick.label)}</text>`,
    ),
    `<text class="title" x="${px((p.left + p.right) / 2)}" y="${px(p.height - 6)}" text-anchor="middle">${escapeHtml(xTitle)}</text>`,
    `<text class="title" transform="translate(12 ${px((p.top + p.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(yTitle)}</text>`,
  ];
  return parts.join('');
}

/** Consecutive runs of points whose coordinates are all finite: a gap in the data is a gap in the line. */
function segments<T extends readonly number[]>(points: readonly T[]): T[][] {
  const runs: T[][] = [[]];
  for (const point of points) {
    if (point.every(Number.isFinite)) runs[runs.length - 1].push(point);
    else if (runs[runs.length - 1].length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length > 0);
}

/** The `d` of a line through the points (pixel [x, y] pairs), broken where a value is missing; '' for none. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return segments(points)
    .map((run) => run.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)},${px(y)}`).join(''))
    .join('');
}

/** The `d` of a closed band between two curves (pixel [x, low, high] triples), broken where an end is missing. */
export function bandPath(points: readonly (readonly [number, number, number])[]): string {
  return segments(points)
    .filter((run) => run.length > 1)
    .map((run) => {
      const upper = run.map(([x, , high], i) => `${i === 0 ? 'M' : 'L'}${px(x)},${px(high)}`).join('');
      const lower = [...run]
        .reverse()
        .map(([x, low]) => `L${px(x)},${px(low)}`)
        .join('');
      return `${upper}${lower}Z`;
    })
    .join('');
}

/** An SVG element of `width` × `height` that scales to its container, labelled for screen readers. */
export function svg(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">${body}</svg>`;
}

/** One point of a plotted series: its x already on the page, its value with the 95% interval, its tooltip. */
export interface SeriesPoint {
  x: number;
  mean: number;
  low: number | null;
  high: number | null;
  title: string;
}

/** Light enough that four overlapping bands still leave the page behind them pale. */
const BAND_FILL_OPACITY = 0.07;

/**
 * A series as marks: path.band (the 95% interval, filled lightly), path.band-edge (its two ends,
 * dashed in the series' colour), path.line (the means) and one circle.point per
 * finite mean, each tagged data-<tag>="<index>" so the marks of a chart can be counted.
 */
export function seriesMarks(
  p: Plot,
  points: readonly SeriesPoint[],
  index: number,
  tag: string,
  radius: number,
): string {
  const { color, dash } = seriesStyle(index);
  const ends = points.map((point) => [point.x, p.y(point.low ?? Number.NaN), p.y(point.high ?? Number.NaN)] as const);
  const band = bandPath(ends);
  // The outline follows the two ends only (no closing strokes at the first and last x), like the band broken where an end is missing.
  const edges =
    band === '' ? '' : `${linePath(ends.map(([x, low]) => [x, low]))}${linePath(ends.map(([x, , high]) => [x, high]))}`;
  const line = linePath(points.map((point) => [point.x, p.y(point.mean)]));
  const dots = points
    .filter((point) => Number.isFinite(point.mean))
    .map(
      (point) =>
        `<circle class="point" data-${tag}="${index}" cx="${px(point.x)}" cy="${px(p.y(point.mean))}" r="${radius}" fill="${color}"><title>${escapeHtml(point.title)}</title></circle>`,
    );
  return [
    // A light fill and a dashed outline in the series' colour: where bands overlap the fills add up
    // to a pale grey, and the outlines still say which band ends where.
    band === ''
      ? ''
      : `<path class="band" data-${tag}="${index}" d="${band}" fill="${color}" fill-opacity="${BAND_FILL_OPACITY}"/>`,
    edges === ''
      ? ''
      : `<path class="band-edge" data-${tag}="${index}" d="${edges}" fill="none" stroke="${color}" stroke-opacity="0.6" stroke-width="1" stroke-dasharray="3 2"/>`,
    line === ''
      ? ''
      : `<path class="line" data-${tag}="${index}" d="${line}" fill="none" stroke="${color}" stroke-width="1.8"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    ...dots,
  ].join('');
}

/** " [low, high]" for a tooltip, or nothing without an interval. */
export function intervalText(low: number | null, high: number | null, format: (value: number) => string): string {
  return low === null || high === null ? '' : ` [${format(low)}, ${format(high)}]`;
}
