/**
 * One metric over epochs, one line per configuration (mean over seeds) with its 95% band over
 * seeds: path.line, path.band and one circle.point per epoch with a value.
 */
import type { ConfigurationSeries, EpochPoint } from '../charts/series.js';
import { epochTicks, niceTicks } from './scale.js';
import { axes, intervalText, plot, seriesMarks, svg } from './svg.js';

const WIDTH = 420;
const HEIGHT = 260;

export interface EpochMetric {
  /** What the y axis shows. */
  title: string;
  points: (series: ConfigurationSeries) => EpochPoint[];
  /** Shares are drawn in percent on an axis that stays within 0-100%. */
  share: boolean;
}

export function epochChartSvg(series: readonly ConfigurationSeries[], metric: EpochMetric): string {
  const all = series.flatMap(metric.points);
  const values = all
    .flatMap((point) => [point.mean, point.low ?? Number.NaN, point.high ?? Number.NaN])
    .filter(Number.isFinite);
  const last = Math.max(0, ...all.map((point) => point.epoch));
  const lowest = metric.share ? 0 : Math.min(...values);
  const { ticks, domain } = niceTicks(lowest, Math.max(...values), 5);
  // Every metric drawn is at least 0 (shares, and a loss whose interval is built on the log scale): the axis never goes below.
  const yDomain: [number, number] = [Math.max(0, domain[0]), metric.share ? Math.min(1, domain[1]) : domain[1]];
  const p = plot(WIDTH, HEIGHT, [0, last], yDomain);
  const format = (value: number) => (metric.share ? `${Math.round(value * 1000) / 10}%` : String(value));
  const marks = series.map((item, index) =>
    seriesMarks(
      p,
      metric.points(item).map((point) => ({
        x: p.x(point.epoch),
        mean: point.mean,
        low: point.low,
        high: point.high,
        title: `${item.label}, epoch ${point.epoch}: ${format(point.mean)}${intervalText(point.low, point.high, format)} (${point.n} seed${point.n === 1 ? '' : 's'})`,
      })),
      index,
      'config',
      2.5,
    ),
  );
  const xTicks = epochTicks(last).map((epoch) => ({ value: epoch, label: String(epoch) }));
  const yTicks = ticks
    .filter((tick) => tick >= yDomain[0] && tick <= yDomain[1])
    .map((tick) => ({ value: tick, label: format(tick) }));
  return svg(
    WIDTH,
    HEIGHT,
    `${metric.title} over epochs`,
    `${axes(p, xTicks, yTicks, 'epoch', metric.title)}${marks.join('')}`,
  );
}
