/** Helpers shared by the command files for commander options. */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { findBaseline } from '../../output/comparisons-view.js';
import { UsageError } from '../errors.js';

/** Accumulates a repeatable option into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Checks commander's parsed options against a command's zod schema; one usage line per problem. */
export function parseOptions<T extends z.ZodType>(schema: T, options: unknown): z.output<T> {
  const result = schema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

/** A commander argument parser for integers >= 1 that names the flag in its error. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${flag}: must be an integer >= 1, got "${value}"`);
    return parsed;
  };
}

/** `--set` and `--sweep`, shared by every command that reads a config. */
export function addOverrideOptions(command: Command): Command {
  return command
    .option('--set <path=value>', 'override one config value, e.g. --set model.depth=50 (repeatable)', collect)
    .option('--sweep <path=v1,v2,...>', 'sweep a config path over values, e.g. --sweep model.alpha=0,0.01,0.3 (repeatable)', collect);
}

/** The zod side of addOverrideOptions. */
export const overrideOptionsShape = {
  set: z.array(z.string()).default([]),
  sweep: z.array(z.string()).default([]),
};

/** `--charts [all]`, `--no-charts` and `--config-filter`, shared by run and report. */
export function addChartOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--charts [all]',
        'draw terminal charts on stderr even when it is not a terminal (default: only on a terminal); the ones that fit one screen, or every one with "all"',
      ).choices(['all']),
    )
    .option('--no-charts', 'no terminal charts')
    .option('--config-filter <label|n|text>', 'chart only these configurations: a label as the summary shows it, a row number, or part of a label');
}

/** The zod side of addChartOptions; `charts` stays undefined unless one of the two flags is given. */
export const chartOptionsShape = {
  charts: z.union([z.boolean(), z.literal('all')]).optional(),
  configFilter: z.string().min(1).optional(),
};

/** `--baseline`, shared by run and report: which configuration the paired comparisons are made against. */
export const BASELINE_HELP =
  'configuration the paired comparisons are made against: its label as the summary shows it, or its row number (default: 1, the first)';

/** Fails with a usage error (exit 2) when `wanted` names none of the configurations `labels` lists. */
export function requireBaseline(labels: readonly string[], wanted: string | undefined): void {
  const found = findBaseline(labels, wanted);
  if (typeof found === 'string') throw new UsageError(`--baseline: ${found}`);
}
