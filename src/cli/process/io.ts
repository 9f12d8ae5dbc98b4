import { invocationPrefix } from './invocation.js';
import { wrapLines } from '../../output/views/layout/text.js';

/**
 * Everything a command touches outside itself, passed in so tests can capture output, fix the clock
 * and never exit the process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines redraw in place only on a terminal; elsewhere they are not printed at all. */
  stderrIsTTY: boolean;
  /**
   * Columns stderr's text fits (charts, progress, notes): COLUMNS when set, else stderr's width when
   * it is a terminal. Left out: COLUMNS, else nothing is wrapped and the charts take 80.
   */
  columns?: number;
  /**
   * Columns stdout's tables fit: COLUMNS when set, else stdout's width when it is a terminal. Left
   * out: COLUMNS, else full width (a file or a pipe gets the tables whole).
   */
  stdoutColumns?: number;
  now: () => Date;
  cwd: string;
  /** Environment variables (DEAD_NEURONS_MEMORY_LIMIT_MB); process.env when left out. */
  env?: Readonly<Record<string, string | undefined>>;
  /** How to start this program again, for pasteable hints ("npx dead-neurons"); "dead-neurons" when left out. */
  invocation?: string;
}

/**
 * COLUMNS as a width, when it is a positive integer. It wins over the terminal's own width, as it
 * does for ls and Python's shutil: setting it is how a user asks for a width.
 */
function columnsFromEnv(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** The width stdout's tables must fit; undefined: full width. */
export function stdoutWidth(io: CliIo): number | undefined {
  return io.stdoutColumns ?? columnsFromEnv(io.env ?? process.env);
}

/** The width stderr's lines must fit; undefined: none known (nothing is wrapped). */
export function stderrWidth(io: CliIo): number | undefined {
  return io.columns ?? columnsFromEnv(io.env ?? process.env);
}

/** Writes `text` to stderr with each line wrapped to stderr's width, continuation lines indented by two. */
export function stderrWrapped(io: CliIo, text: string): void {
  io.stderr(wrapLines(text, stderrWidth(io), '  '));
}

export function processIo(): CliIo {
  const fromEnv = columnsFromEnv(process.env);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: fromEnv ?? (process.stderr.isTTY ? process.stderr.columns : undefined),
    stdoutColumns: fromEnv ?? (process.stdout.isTTY ? process.stdout.columns : undefined),
    now: () => new Date(),
    cwd: process.cwd(),
    env: process.env,
    invocation: invocationPrefix(process.argv, process.env, process.cwd()),
  };
}
