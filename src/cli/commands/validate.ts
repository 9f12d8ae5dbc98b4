/**
 * `dead-neurons validate <config>`: the resolved config and its runs, or every error in it: the
 * config's own, then the pre-flight checks `run` makes (every dataset, every run's memory).
 */
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { loadExperiment } from '../../experiments/config/load.js';
import { memoryLine, preflightExperiment } from '../../experiments/preflight/check.js';
import { dataLines } from '../../experiments/preflight/data.js';
import { planPacks } from '../../experiments/sweep/packs.js';
import { planRuns } from '../../experiments/sweep/plan.js';
import { stderrWrapped, type CliIo } from '../io.js';
import { addOverrideOptions, overrideOptionsShape, parseOptions } from './options.js';

const validateOptionsSchema = z.object({
  ...overrideOptionsShape,
  runs: z.boolean().default(false),
});

export function validateCommand(io: CliIo): Command {
  const command = new Command('validate')
    .description('check a config and print it with every default filled in (exit 2 on errors)')
    .argument('<config>', 'experiment config, .json or .yaml');
  return addOverrideOptions(command)
    .option('--runs', 'also list every run the sweep expands to')
    .action((configPath: string, rawOptions: unknown) => {
      const options = parseOptions(validateOptionsSchema, rawOptions);
      const { raw, config } = loadExperiment(configPath, options, io.cwd);
      // Packed as `run` packs it, so a pack too large for this machine is found here too.
      const plan = planPacks(planRuns(raw), dirname(resolve(io.cwd, configPath)));
      const checked = preflightExperiment(raw, plan, dirname(resolve(io.cwd, configPath)), io.env ?? process.env);
      const shown = options.runs ? { ...config, runs: plan.map(({ runId, swept }) => ({ runId, ...swept })) } : config;
      io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
      for (const line of [...dataLines(checked.data), memoryLine(checked)]) stderrWrapped(io, `${line}\n`);
      stderrWrapped(io, `${configPath}: valid; ${plan.length} run(s)\n`);
    });
}
