/** What `validate` prints: the resolved config on stdout, what was checked on stderr. Pure. */
import { memoryLine, type Preflight } from '../../experiments/preflight/check.js';
import { dataLines } from '../../experiments/preflight/data.js';
import type { PlannedRun } from '../../experiments/types.js';

/** The config with every default filled in, as JSON; with `runs`, every run's id and swept values too. */
export function resolvedConfigText(config: object, plan: readonly PlannedRun[], runs: boolean): string {
  const shown = runs ? { ...config, runs: plan.map(({ runId, swept }) => ({ runId, ...swept })) } : config;
  return `${JSON.stringify(shown, null, 2)}\n`;
}

/** "data: ...", "memory: ..." and "c.yaml: valid; 9 run(s)", one line each. */
export function validationText(configPath: string, runCount: number, checked: Preflight): string {
  return [...dataLines(checked.data), memoryLine(checked), `${configPath}: valid; ${runCount} run(s)`]
    .map((line) => `${line}\n`)
    .join('');
}
