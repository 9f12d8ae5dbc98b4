/**
 * `dead-neurons validate <config>`: the resolved config and its runs, or every error in it: the
 * config's own, then the pre-flight checks `run` makes (every dataset, every run's memory).
 */
import { Command } from 'commander';
import { z } from 'zod';
import { validateConfig } from '../actions/validate.js';
import type { CliIo } from '../process/io.js';
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
    .action((configPath: string, rawOptions: unknown) =>
      validateConfig(io, configPath, parseOptions(validateOptionsSchema, rawOptions)),
    );
}
