/** `dead-neurons validate <config>`: the resolved config and its runs, or every error in it. */
import { Command } from 'commander';
import { z } from 'zod';
import { loadExperiment } from '../../experiments/config/load.js';
import { planRuns } from '../../experiments/sweep/plan.js';
import type { CliIo } from '../io.js';
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
      const plan = planRuns(raw);
      const shown = options.runs ? { ...config, runs: plan.map(({ runId, swept }) => ({ runId, ...swept })) } : config;
      io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
      io.stderr(`${configPath}: valid; ${plan.length} run(s)\n`);
    });
}
