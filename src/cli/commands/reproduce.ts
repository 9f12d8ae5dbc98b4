/** `dead-neurons reproduce <results-dir>`: options, then one call. Exit 0 when it reproduces, 1 on drift. */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { CONCRETE_BACKENDS, type ConcreteBackend } from '../../experiments/config/schema.js';
import type { CliIo } from '../process/io.js';
import { integerOption, parseOptions } from './options.js';

/** Also what a value parseFloat cannot read (NaN) breaks. */
const TOLERANCE_RULE = 'must be a number >= 0';

const reproduceOptionsSchema = z.object({
  runs: z.string().optional(),
  tolerance: z.number({ error: TOLERANCE_RULE }).min(0, { error: TOLERANCE_RULE }).optional(),
  backend: z.enum(CONCRETE_BACKENDS as [ConcreteBackend, ...ConcreteBackend[]]).optional(),
  jobs: z.number().default(availableParallelism()),
  quiet: z.boolean().default(false),
});

export function reproduceCommand(io: CliIo): Command {
  return new Command('reproduce')
    .description('re-run a results folder and check every metric against it (exit 1 on drift)')
    .argument('<results-dir>', 'a folder written by `dead-neurons run` (e.g. a small reference result kept in git)')
    .option('--runs <ids>', 'only these runs, comma separated, e.g. --runs r001,r004')
    .option(
      '--tolerance <x>',
      'compare every value within |stored - new| / max(1, |stored|) <= x (default: exact on the stored backend; on another, a statistical check, see below)',
      parseFloat,
    )
    .addOption(
      new Option('--backend <name>', 'run on this backend instead of the stored one').choices(CONCRETE_BACKENDS),
    )
    .addOption(integerOption('-j, --jobs <n>', 'runs in parallel, in worker processes'))
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
On the backend that made the results every value must be identical. On another backend (--backend)
float32 rounding differs and training amplifies it, so runs part ways while staying faithful: then
epoch 0 (nothing trained yet) must agree within 1e-3, and each configuration's final dead fraction,
loss and accuracies must show no systematic shift (paired t-test on per-run differences, Bonferroni-
corrected to a 1% family-wise false-alarm rate; needs two or more seeds per configuration).
--tolerance replaces this with a per-value tolerance. Exit 0 when it reproduces, 1 otherwise.

Examples:
  $ dead-neurons reproduce test/fixtures/reference-result
  $ dead-neurons reproduce results/alpha-sweep/2026-11-30T10-00-00Z --backend tensorflow`,
    )
    .action(async (dir: string, rawOptions: unknown) => {
      const options = parseOptions(reproduceOptionsSchema, rawOptions);
      const { reproduceResults } = await import('../actions/reproduce.js');
      await reproduceResults(io, dir, options);
    });
}
