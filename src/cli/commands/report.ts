/** `dead-neurons report <results-dir>`: options, then one call. */
import { Command, Option } from 'commander';
import { z } from 'zod';
import { OUTPUT_FORMATS } from '../../output/views/formats.js';
import { showReport } from '../actions/report.js';
import type { CliIo } from '../process/io.js';
import { addChartOptions, BASELINE_HELP, chartOptionsShape, parseOptions } from './options.js';

const reportOptionsSchema = z.object({
  format: z.enum(OUTPUT_FORMATS).default('table'),
  baseline: z.string().optional(),
  ...chartOptionsShape,
  html: z.union([z.literal(true), z.string().min(1)]).optional(),
});

export function reportCommand(io: CliIo): Command {
  const command = new Command('report')
    .description(
      'print the summary of an existing results folder (no training), draw its charts, write its HTML report',
    )
    .argument('<results-dir>', 'a folder written by `dead-neurons run`')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option(
      '--baseline <field=value|label|n>',
      `${BASELINE_HELP} (default: the one the folder records); changes what is printed, not comparisons.csv`,
    );
  return addChartOptions(command)
    .option(
      '--html [file]',
      'also write a self-contained HTML report (default file: report.html in the results folder)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ dead-neurons report results/deep-relu-vs-leaky/2026-11-29T12-00-00Z --baseline "leaky_relu alpha=0.3"
  $ dead-neurons report results/alpha-sweep/2026-11-29T12-00-00Z --html alpha-sweep.html
  $ dead-neurons report results/deep-relu-vs-leaky/2026-11-29T12-00-00Z --charts --config-filter relu 2> charts.txt`,
    )
    .action((dir: string, rawOptions: unknown) => showReport(io, dir, parseOptions(reportOptionsSchema, rawOptions)));
}
