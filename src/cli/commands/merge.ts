/** `dead-neurons merge <dirs...> --out DIR`: options, then one call. */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { OUTPUT_FORMATS } from '../../output/views/formats.js';
import { mergeFolders } from '../actions/merge.js';
import type { CliIo } from '../process/io.js';
import { parseOptions } from './options.js';

const mergeOptionsSchema = z.object({
  out: z.string({ error: 'is required' }).min(1),
  partial: z.boolean().default(false),
  format: z.enum(OUTPUT_FORMATS).default('table'),
});

export function mergeCommand(io: CliIo): Command {
  return new Command('merge')
    .description('combine shard folders of one sweep into one results folder')
    .argument('<dirs...>', 'results folders written by `run --shard i/n` (or by interrupted runs) of the same config')
    .requiredOption('--out <dir>', 'the merged results folder (must not exist or be empty)')
    .option('--partial', 'write the merged folder even if some runs of the sweep are missing')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText(
      'after',
      '\nExample:\n  $ dead-neurons merge shards/1 shards/2 shards/3 shards/4 --out results/born-dead',
    )
    .action((dirs: string[], rawOptions: unknown) =>
      mergeFolders(io, dirs, parseOptions(mergeOptionsSchema, rawOptions)),
    );
}
