import { invocationPrefix } from './invocation.js';

/**
 * Everything a command touches outside itself, passed in so tests can capture output, fix the clock
 * and never exit the process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines redraw in place only on a terminal; elsewhere they are not printed at all. */
  stderrIsTTY: boolean;
  /** stderr's width in columns when it is a terminal (the charts fit it); COLUMNS or 80 when left out. */
  columns?: number;
  now: () => Date;
  cwd: string;
  /** Environment variables (DEAD_NEURONS_MEMORY_LIMIT_MB); process.env when left out. */
  env?: Readonly<Record<string, string | undefined>>;
  /** How to start this program again, for pasteable hints ("npx dead-neurons"); "dead-neurons" when left out. */
  invocation?: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    now: () => new Date(),
    cwd: process.cwd(),
    env: process.env,
    invocation: invocationPrefix(process.argv, process.env, process.cwd()),
  };
}
