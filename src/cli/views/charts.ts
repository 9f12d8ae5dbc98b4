/**
 * The terminal charts `run` and `report` draw besides the table.
 *
 * Charts go to stderr, never stdout: stdout carries only what --format asks for, under every
 * combination of flags (`--format csv --charts > summary.csv` is still a clean CSV), and stderr is
 * where the other things meant for eyes (progress, the backend line) already go. They are drawn by
 * default only when stderr is a terminal and --quiet is not given; --charts draws them anyway (to
 * capture them into a file), --no-charts never. Colour only on a terminal and without NO_COLOR.
 */
import type { RunResult } from '../../experiments/types.js';
import { configurationSeries, selectSeries } from '../../output/views/charts/series.js';
import { terminalCharts } from '../../output/views/charts/terminal.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';

export interface ChartRequest {
  /** --charts (true) or --no-charts (false); undefined: when stderr is a terminal. */
  charts?: boolean;
  configFilter?: string;
  quiet?: boolean;
}

export function chartsWanted(io: CliIo, request: ChartRequest): boolean {
  return request.charts ?? (io.stderrIsTTY && !request.quiet);
}

/** Draws the charts of `results` on stderr, when wanted. */
export function printCharts(
  io: CliIo,
  results: readonly RunResult[],
  fallbackLabel: string,
  request: ChartRequest,
): void {
  if (!chartsWanted(io, request) || results.length === 0) return;
  const env = io.env ?? process.env;
  const picked = selectSeries(configurationSeries(results, fallbackLabel), request.configFilter);
  if (typeof picked === 'string') throw new UsageError(`--config-filter: ${picked}`);
  const width = io.columns ?? (Number(env.COLUMNS) > 0 ? Number(env.COLUMNS) : 80);
  // no-color.org: NO_COLOR set to anything but the empty string turns colour off.
  const color = io.stderrIsTTY && !env.NO_COLOR;
  const charts = terminalCharts(picked, { width, color });
  if (charts !== '') io.stderr(`\n${charts}`);
}
