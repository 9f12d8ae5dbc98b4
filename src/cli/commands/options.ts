/** Helpers shared by the command files for commander options. */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { parseInteger } from '../../experiments/config/integer.js';
import { UsageError } from '../process/errors.js';

/** Accumulates a repeatable option into a list. */
function collect(value: string, previous: string[] = []): string[] {
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

/**
 * An option whose value is an integer >= min, e.g. integerOption('-j, --jobs <n>', 'runs in
 * parallel'). Commander reads it with the config's own integer reader; a bad value is one usage
 * line naming the flag and what it got.
 */
export function integerOption(flags: string, description: string, min = 1): Option {
  const option = new Option(flags, description);
  return option.argParser((text: string) => {
    const value = parseInteger(text, min);
    if (typeof value === 'string') throw new UsageError(`${option.long}: ${value}, got ${JSON.stringify(text)}`);
    return value;
  });
}

/** `--set` and `--sweep`, shared by every command that reads a config. */
export function addOverrideOptions(command: Command): Command {
  return command
    .option('--set <path=value>', 'override one config value, e.g. --set model.depth=50 (repeatable)', collect)
    .option(
      '--sweep <path=v1,v2,...>',
      'sweep a config path over values, e.g. --sweep model.alpha=0,0.01,0.3 (repeatable)',
      collect,
    );
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
    .option(
      '--config-filter <label|n|text>',
      'chart only these configurations: a label as the summary shows it, a row number, or part of a label',
    );
}

/** The zod side of addChartOptions; `charts` stays undefined unless one of the two flags is given. */
export const chartOptionsShape = {
  charts: z.union([z.boolean(), z.literal('all')]).optional(),
  configFilter: z.string().min(1).optional(),
};

/** `--baseline`, shared by run and report: which configuration the paired comparisons are made against. */
export const BASELINE_HELP =
  'what each configuration is compared with: FIELD=VALUE (e.g. model.activation=relu) pairs it with the configuration that has VALUE and shares its other swept values; a label as the summary shows it, or a row number, is one baseline for all';
