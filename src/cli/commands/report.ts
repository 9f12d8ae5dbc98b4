/** `dead-neurons report <results-dir>`: re-renders the summary of a results folder without training. */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { RunError } from '../../experiments/errors.js';
import { formatReport, OUTPUT_FORMATS } from '../../output/formats.js';
import { readResolvedConfig, readRunRecords, reportData, requireResultsFolder } from '../../output/results-dir.js';
import type { CliIo } from '../io.js';
import { parseOptions } from './options.js';

const reportOptionsSchema = z.object({ format: z.enum(OUTPUT_FORMATS).default('table') });

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description('print the summary of an existing results folder (no training)')
    .argument('<results-dir>', 'a folder written by `dead-neurons run`')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
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
      io.stdout(formatReport(reportData(resolved.name, Object.keys(resolved.sweep), results), options.format));
    });
}
