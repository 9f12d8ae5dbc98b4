/** `dead-neurons reproduce <results-dir>`: options, then one call. Exit 0 when it reproduces, 1 on drift. */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { CONCRETE_BACKENDS, type ConcreteBackend } from '../../experiments/config/schema.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';
import { integerOption, parseOptions } from './options.js';

/** Also what a value parseFloat cannot read (NaN) breaks. */
const TOLERANCE_RULE = 'must be a number >= 0';

const reproduceOptionsSchema = z.object({
  runs: z.string().optional(),
  tolerance: z.number({ error: TOLERANCE_RULE }).min(0, { error: TOLERANCE_RULE }).optional(),
  strict: z.boolean().default(false),
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
    .option('--strict', 'demand identical values even where the backend or machine differs from the one that made them')
    .addOption(
      new Option('--backend <name>', 'run on this backend instead of the stored one').choices(CONCRETE_BACKENDS),
    )
    .addOption(integerOption('-j, --jobs <n>', 'runs in parallel, in worker processes'))
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
Where nothing that decides the bits differs from what manifest.json records (backend, its version
and threads; for native kernels also the OS, architecture and the instruction-set level they run
at, AVX2 on every x86-64 CPU that has it), every value must be identical. On another backend
(--backend) or machine float32 rounding differs and training amplifies it, so runs part ways while
staying faithful: then one line names what differs, epoch 0 (nothing trained yet) must agree within
1e-3, and each configuration's final dead fraction, loss and accuracies must show no systematic
shift (paired t-test on per-run differences, Bonferroni-corrected to a 1% family-wise false-alarm
rate; needs two or more seeds per configuration). --strict demands identical values anyway;
--tolerance replaces all this with a per-value tolerance. Exit 0 when it reproduces, 1 otherwise.

Examples:
  $ dead-neurons reproduce test/fixtures/reference-result
  $ dead-neurons reproduce results/alpha-sweep/2026-11-30T10-00-00Z --backend tensorflow`,
    )
    .action(async (dir: string, rawOptions: unknown) => {
      const options = parseOptions(reproduceOptionsSchema, rawOptions);
      if (options.strict && options.tolerance !== undefined)
        throw new UsageError('--strict: demands identical values; leave out --tolerance');
      const { reproduceResults } = await import('../actions/reproduce.js');
      await reproduceResults(io, dir, options);
    });
}
