/**
 * A final statistic against a swept value (alpha, depth or width): one line per group of
 * configurations that share their other swept values, its 95% band, and one circle.point per
 * configuration.
 */
import type { SweepAxis, SweepPoint } from '../charts/sweep-series.js';
import { niceTicks, type Scale } from './scale.js';
import { axes, intervalText, plot, seriesMarks, svg } from './svg.js';

const WIDTH = 420;
const HEIGHT = 260;

/** A point's value and its 95% interval (null ends: none). */
interface SweepValue {
  mean: number;
  low: number | null;
  high: number | null;
}

export interface SweepMetric {
  title: string;
  value: (point: SweepPoint) => SweepValue;
  share: boolean;
}

/**
 * Swept values spread over more than this ratio (alpha 0.001 to 0.3) are placed evenly, in order,
 * rather than to scale: to scale they would crowd into one corner, and a log scale has no place for 0.
 */
const EVEN_SPACING_RATIO = 20;

function xPlacement(values: readonly number[]): {
  position: (value: number) => number;
  domain: [number, number];
  ticks: number[];
  even: boolean;
} {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const positive = sorted.filter((value) => value > 0);
  const even = positive.length >= 2 && positive[positive.length - 1] / positive[0] > EVEN_SPACING_RATIO;
  if (even)
    return { position: (value) => sorted.indexOf(value), domain: [-0.3, sorted.length - 0.7], ticks: sorted, even };
  const { domain } = niceTicks(sorted[0], sorted[sorted.length - 1], 5);
  return { position: (value) => value, domain, ticks: sorted, even };
}

export function sweepChartSvg(axis: SweepAxis, metric: SweepMetric): string {
  const name = axis.path.split('.').pop()!;
  const all = axis.lines.flatMap((line) => line.points);
  const placement = xPlacement(all.map((point) => point.x));
  const values = all
    .flatMap((point) => {
      const value = metric.value(point);
      return [value.mean, value.low ?? Number.NaN, value.high ?? Number.NaN];
    })
    .filter(Number.isFinite);
  const { ticks, domain } = niceTicks(metric.share ? 0 : Math.min(...values), Math.max(...values), 5);
  // Shares and losses are at least 0, and so are their intervals: the axis never goes below.
  const yDomain: [number, number] = [Math.max(0, domain[0]), metric.share ? Math.min(1, domain[1]) : domain[1]];
  const p = plot(WIDTH, HEIGHT, placement.domain, yDomain);
  const x: Scale = (value) => p.x(placement.position(value));
  const format = (value: number) => (metric.share ? `${Math.round(value * 1000) / 10}%` : String(value));
  const marks = axis.lines.map((line, index) =>
    seriesMarks(
      p,
      line.points.map((point) => {
        const value = metric.value(point);
        return {
          x: x(point.x),
          mean: value.mean,
          low: value.low,
          high: value.high,
          title: `${point.label}: ${format(value.mean)}${intervalText(value.low, value.high, format)} (${point.runs} run${point.runs === 1 ? '' : 's'})`,
        };
      }),
      index,
      'line',
      3,
    ),
  );
  const xTicks = placement.ticks.map((value) => ({ value: placement.position(value), label: String(value) }));
  const yTicks = ticks
    .filter((tick) => tick >= yDomain[0] && tick <= yDomain[1])
    .map((tick) => ({ value: tick, label: format(tick) }));
  // axes() places x ticks through p.x, so they are given as positions.
  const xTitle = placement.even ? `${name} (evenly spaced)` : name;
  return svg(
    WIDTH,
    HEIGHT,
    `${metric.title} against ${name}`,
    `${axes(p, xTicks, yTicks, xTitle, metric.title)}${marks.join('')}`,
  );
}
