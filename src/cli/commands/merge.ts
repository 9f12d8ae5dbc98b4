/**
 * `dead-neurons merge <dirs...> --out DIR`: combines shard folders (or partial runs of one sweep)
 * into one results folder whose CSVs are byte-identical to an unsharded run's.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { RunError } from '../../experiments/errors.js';
import { toolVersion, withRuns, type Manifest } from '../../output/manifest.js';
import { canonicalJson } from '../../experiments/sweep/plan.js';
import { formatReport, OUTPUT_FORMATS } from '../../output/formats.js';
import {
  FILES, parseJson, readJson, readRunRecords, reportData, requireEmptyFolder, requireResultsFolder, writeAggregates, writeFileAtomic,
  writeJsonAtomic, writeRunRecord,
  type ResolvedConfigFile,
} from '../../output/results-dir.js';
import type { CliIo } from '../io.js';
import { parseOptions } from './options.js';
import type { RunResult } from '../../experiments/types.js';

const mergeOptionsSchema = z.object({
  out: z.string({ error: 'is required' }).min(1),
  partial: z.boolean().default(false),
  format: z.enum(OUTPUT_FORMATS).default('table'),
});

/** Two records of one run agree when everything but the wall time does. */
const sameRun = (a: RunResult, b: RunResult) => canonicalJson({ ...a, seconds: 0 }) === canonicalJson({ ...b, seconds: 0 });

export function mergeCommand(io: CliIo): Command {
  return new Command('merge')
    .description('combine shard folders of one sweep into one results folder')
    .argument('<dirs...>', 'results folders written by `run --shard i/n` (or by interrupted runs) of the same config')
    .requiredOption('--out <dir>', 'the merged results folder (must not exist or be empty)')
    .option('--partial', 'write the merged folder even if some runs of the sweep are missing')
    .addOption(new Option('--format <format>', 'what to print on stdout').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText('after', '\nExample:\n  $ dead-neurons merge shards/1 shards/2 shards/3 shards/4 --out results/born-dead')
    .action((dirs: string[], rawOptions: unknown) => {
      const options = parseOptions(mergeOptionsSchema, rawOptions);
      const folders = dirs.map((dir) => resolve(io.cwd, dir));
      const configTexts = folders.map((folder, i) => {
        requireResultsFolder(folder, dirs[i]);
        return readFileSync(join(folder, FILES.config), 'utf8');
      });
      const plan = parseJson<ResolvedConfigFile>(configTexts[0]);
      const planKey = canonicalJson(plan);
      configTexts.forEach((text, i) => {
        if (canonicalJson(parseJson(text)) !== planKey) {
          throw new RunError(`${dirs[i]}: planned from a different config than ${dirs[0]} (compare their ${FILES.config})`);
        }
      });

      const byId = new Map<string, RunResult>();
      folders.forEach((folder, i) => {
        for (const record of readRunRecords(folder)) {
          const known = byId.get(record.runId);
          if (known && !sameRun(known, record)) {
            throw new RunError(`${dirs[i]}: run ${record.runId} differs from the one in another folder; not merging`);
          }
          byId.set(record.runId, known ?? record);
        }
      });
      const results = plan.runs.flatMap((run) => byId.get(run.runId) ?? []);
      const missing = plan.runs.filter((run) => !byId.has(run.runId)).map((run) => run.runId);
      if (missing.length > 0 && !options.partial) {
        throw new RunError(`${missing.length} of ${plan.runs.length} runs missing (${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''}); add their shards, or --partial`);
      }

      const outDir = resolve(io.cwd, options.out);
      requireEmptyFolder(outDir, `--out ${options.out}`);
      const first = readJson<Manifest>(join(folders[0], FILES.manifest));
      const manifest: Manifest = {
        ...first,
        tool: toolVersion(),
        command: process.argv.slice(2),
        shard: null,
        configDir: relative(outDir, resolve(folders[0], first.configDir)) || '.',
        mergedFrom: dirs.map((dir) => relative(outDir, resolve(io.cwd, dir))),
        runsPlanned: plan.runs.length,
      };
      writeFileAtomic(join(outDir, FILES.config), configTexts[0]);
      for (const result of results) writeRunRecord(outDir, result);
      const report = reportData(plan.name, Object.keys(plan.sweep), results);
      writeAggregates(outDir, report, results);
      writeJsonAtomic(join(outDir, FILES.manifest), withRuns(manifest, results, io.now().toISOString()));
      io.stdout(formatReport(report, options.format));
      io.stderr(`merged ${results.length} of ${plan.runs.length} runs from ${dirs.length} folder(s) into ${options.out}\n`);
    });
}
