/**
 * What the sweep charts draw: when a sweep varies alpha, depth or width, each configuration's final
 * dead fraction, loss, test accuracy and born-dead share against that value, with the summary
 * table's 95% intervals (logit-scale t, log-scale t, Wilson). Configurations that differ in other
 * swept values (the activation, say) form separate lines.
 */
import type { ConfigurationSummary } from '../../../metrics/aggregate.js';
import type { Interval, Summary } from '../../../metrics/statistics.js';
import { configurationLabel } from '../../results/labels.js';

/** The numeric settings a sweep chart is drawn against, when a sweep varies them. */
const SWEEP_AXES = ['model.alpha', 'model.depth', 'model.width'] as const;

export interface SweepPoint {
  x: number;
  /** The configuration's full label, for tooltips. */
  label: string;
  runs: number;
  deadFinal: Summary;
  loss: Summary;
  testAccuracy: Summary;
  /** Runs born dead (a layer entirely dead at initialisation) of `runs`, with Wilson's 95% interval. */
  bornDead: { count: number; interval: Interval | null };
}

interface SweepLine {
  /** The other swept values the line's configurations share ("relu", "width=4"); '' when there are none. */
  label: string;
  points: SweepPoint[];
}

export interface SweepAxis {
  path: (typeof SWEEP_AXES)[number];
  lines: SweepLine[];
  /** Configurations without a value for the path (alpha under relu): not drawn. */
  without: string[];
}

/** One axis per swept path of SWEEP_AXES that takes at least two values among the configurations. */
export function sweepAxes(configurations: readonly ConfigurationSummary[], fallbackLabel: string): SweepAxis[] {
  return SWEEP_AXES.flatMap((path) => {
    const valued = configurations.filter((configuration) => typeof configuration.key[path] === 'number');
    if (new Set(valued.map((configuration) => configuration.key[path])).size < 2) return [];
    const lines = new Map<string, SweepLine>();
    for (const configuration of valued) {
      const rest = Object.fromEntries(Object.entries(configuration.key).filter(([other]) => other !== path));
      const label = configurationLabel(rest, '');
      const line = lines.get(label) ?? { label, points: [] };
      line.points.push({
        x: configuration.key[path] as number,
        label: configurationLabel(configuration.key, fallbackLabel),
        runs: configuration.runIds.length,
        deadFinal: configuration.deadFinal,
        loss: configuration.loss,
        testAccuracy: configuration.testAccuracy,
        bornDead: { count: configuration.collapsedAtInit, interval: configuration.collapsedAtInitInterval },
      });
      lines.set(label, line);
    }
    for (const line of lines.values()) line.points.sort((a, b) => a.x - b.x);
    const without = configurations
      .filter((configuration) => !valued.includes(configuration))
      .map((configuration) => configurationLabel(configuration.key, fallbackLabel));
    return [{ path, lines: [...lines.values()], without }];
  });
}
