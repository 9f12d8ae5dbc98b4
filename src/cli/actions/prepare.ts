/**
 * What `run` and `validate` both do before anything is trained or written: read the config with
 * its --set, --sweep and --baseline, plan the sweep, pack its runs, check the baseline against them,
 * then every dataset and every run's memory. Every problem found comes back at once as a ConfigError (one line each, exit 2).
 * Loads no TF.js: `validate` stays fast and `run` loads its backend only after this succeeds.
 */
import { dirname, resolve } from 'node:path';
import { baselineOrigin, loadExperiment, type Overrides, type RawExperiment } from '../../experiments/config/load.js';
import { ConfigError } from '../../errors.js';
import type { ExperimentConfig } from '../../experiments/config/schema.js';
import { preflightExperiment, type Preflight } from '../../experiments/preflight/check.js';
import { planPacks } from '../../experiments/sweep/packs.js';
import { planRuns } from '../../experiments/sweep/plan.js';
import { inShard, type Shard } from '../../experiments/sweep/shard.js';
import type { PlannedRun } from '../../experiments/types.js';
import { baselineText, labelledConfigurations, resolveBaseline } from '../../output/results/baseline.js';
import type { CliIo } from '../process/io.js';

export interface PrepareRequest extends Overrides {
  /** Only this shard's runs are pre-flighted (they are all it trains); null or absent: every run. */
  shard?: Shard | null;
}

export interface PreparedRun {
  raw: RawExperiment;
  config: ExperimentConfig;
  /** The config's folder, which relative dataset paths resolve against. */
  configDir: string;
  /** Every run of the sweep, packed, whatever the shard. */
  plan: PlannedRun[];
  /** The datasets and the largest run of what was checked. */
  checked: Preflight;
}

export function prepareRun(io: Pick<CliIo, 'cwd' | 'env'>, configPath: string, request: PrepareRequest): PreparedRun {
  const { raw, config } = loadExperiment(configPath, request, io.cwd);
  const configDir = dirname(resolve(io.cwd, configPath));
  // Packs (runs trained together as one batched network) from the config and its data alone, so
  // every shard and job count plans the same ones, and a pack too large for this machine is found
  // by validate too.
  const plan = planPacks(planRuns(raw), configDir);
  const checked = preflightExperiment(raw, inShard(plan, request.shard ?? null), configDir, io.env ?? process.env);
  return { raw, config: { ...config, baseline: recordedBaseline(raw, config, plan) }, configDir, plan, checked };
}

/**
 * The baseline as config.resolved.json records it: checked against the plan's configurations (a
 * label or row number must name one), and a row number turned into its label, so the record means
 * the same in a shard or a partial folder whose rows are numbered otherwise.
 */
function recordedBaseline(raw: RawExperiment, config: ExperimentConfig, plan: readonly PlannedRun[]): string | null {
  if (config.baseline === null) return null;
  const configurations = labelledConfigurations(plan, config.name);
  const baseline = resolveBaseline(configurations, config.baseline);
  if (typeof baseline === 'string') throw new ConfigError([`${baselineOrigin(raw)}: ${baseline}`]);
  return baselineText(baseline, configurations);
}
