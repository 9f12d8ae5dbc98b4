/**
 * Sweep expansion: the cartesian product of the swept values over the base config, in the order
 * the sweep lists its paths (first path outermost), with combinations that resolve to the same run
 * (alpha swept under relu, momentum under adam) collapsed to their first occurrence.
 */
import { canonicalJson } from '../config/canonical-json.js';
import { cartesian } from '../config/combinations.js';
import { getPath, setPath } from '../config/paths.js';
import { validateRun, type RawExperiment } from '../config/load.js';
import type { RunConfig } from '../config/schema.js';
import { ConfigError } from '../../errors.js';
import type { PlannedRun } from '../types.js';

/** Expands the experiment into its runs; every problem in any combination is reported at once. */
export function planRuns(raw: RawExperiment): PlannedRun[] {
  const sweptPaths = Object.keys(raw.sweep);
  const seen = new Set<string>();
  const configs: RunConfig[] = [];
  const problems = new Set<string>();

  for (const combination of cartesian(raw.sweep)) {
    const base = combination.reduce((config, [path, value]) => setPath(config, path, value), raw.base);
    try {
      const config = validateRun(base, raw, sweptPaths);
      const key = canonicalJson(config);
      if (!seen.has(key)) {
        seen.add(key);
        configs.push(config);
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      error.problems.forEach((problem) => problems.add(problem));
    }
  }
  if (problems.size > 0) throw new ConfigError([...problems]);

  const width = String(configs.length).length;
  return configs.map((config, index) => ({
    runId: `r${String(index + 1).padStart(Math.max(3, width), '0')}`,
    index,
    swept: Object.fromEntries(sweptPaths.map((path) => [path, getPath(config, path) ?? null])),
    config,
  }));
}
