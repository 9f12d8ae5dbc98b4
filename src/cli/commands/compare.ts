/** `dead-neurons compare <dir-a> <dir-b>`: options, then one call. */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { COMPARE_FORMATS } from '../../output/views/compare-format.js';
import { compareFolders } from '../actions/compare.js';
import type { CliIo } from '../process/io.js';
import { parseOptions } from './options.js';

const compareOptionsSchema = z.object({
  format: z.enum(COMPARE_FORMATS).default('table'),
  failOnDifference: z.boolean().default(false),
});

export function compareCommand(io: CliIo): Command {
  return new Command('compare')
    .description('the configurations two results folders share, side by side, with B minus A and its 95% interval')
    .argument('<dir-a>', 'a results folder (A)')
    .argument('<dir-b>', 'another results folder (B)')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(COMPARE_FORMATS).default('table'))
    .option('--fail-on-difference', "exit 1 when any difference's 95% interval excludes 0 (for CI)")
    .addHelpText(
      'after',
      `
Configurations are matched by label (their swept values). Runs pair up by seed when both folders
ran the same seeds (paired t on per-seed differences); otherwise Welch's t on the two means.

Examples:
  $ dead-neurons compare results/before results/after
  $ dead-neurons compare results/before results/after --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ dead-neurons compare test/fixtures/reference-result results/new --fail-on-difference`,
    )
    .action((dirA: string, dirB: string, rawOptions: unknown) =>
      compareFolders(io, dirA, dirB, parseOptions(compareOptionsSchema, rawOptions)),
    );
}
