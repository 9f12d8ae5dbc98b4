/** `dead-neurons report <results-dir>`: re-renders the summary of a results folder without training. */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { RunError } from '../../experiments/errors.js';
import { formatReport, OUTPUT_FORMATS, withBaseline } from '../../output/formats.js';
import { readResolvedConfig, readRunRecords, reportData, requireResultsFolder } from '../../output/results-dir.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { BASELINE_HELP, parseOptions } from './options.js';

const reportOptionsSchema = z.object({ format: z.enum(OUTPUT_FORMATS).default('table'), baseline: z.string().optional() });

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('print the summary of an existing results folder (no training)')
    .argument('<results-dir>', 'a folder written by `dead-neurons run`')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .option('--baseline <label|n>', BASELINE_HELP)
    .addHelpText('after', '\nExample:\n  $ dead-neurons report results/deep-relu-vs-leaky/2026-11-29T12-00-00Z --baseline "leaky_relu alpha=0.3"')
    .action((dir: string, rawOptions: unknown) => {
      const options = parseOptions(reportOptionsSchema, rawOptions);
      const folder = resolve(io.cwd, dir);
      requireResultsFolder(folder, dir);
      const resolved = readResolvedConfig(folder);
      const results = readRunRecords(folder);
      if (results.length === 0) throw new RunError(`${dir}: no finished runs yet`);
      if (results.length < resolved.runs.length) {
        io.stderr(`${dir}: ${results.length} of ${resolved.runs.length} runs finished; showing those\n`);
      }
      const report = withBaseline(reportData(resolved.name, Object.keys(resolved.sweep), results), options.baseline);
      if (typeof report === 'string') throw new UsageError(`--baseline: ${report}`);
      io.stdout(formatReport(report, options.format));
    });
}
