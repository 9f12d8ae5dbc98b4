/**
 * The terminal charts `run` and `report` draw besides the table.
 *
 * Charts go to stderr, never stdout: stdout carries only what --format asks for, under every
 * combination of flags (`--format csv --charts > summary.csv` is still a clean CSV), and stderr is
 * where the other things meant for eyes (progress, the backend line) already go. They are drawn by
 * default only when stderr is a terminal and --quiet is not given; --charts draws them anyway (to
 * capture them into a file), --no-charts never. They fit one screen unless --charts all asks for
 * every one. Colour only on a terminal and without NO_COLOR.
 */
import type { RunResult } from '../../experiments/types.js';
import { configurationSeries, selectSeries } from '../../output/views/charts/series.js';
import { SCREEN_LINES, terminalCharts } from '../../output/views/charts/terminal.js';
import { UsageError } from '../process/errors.js';
import { stderrWidth, type CliIo } from '../process/io.js';

export interface ChartRequest {
  /** --charts (true), --charts all, or --no-charts (false); undefined: when stderr is a terminal. */
  charts?: boolean | 'all';
  configFilter?: string;
  quiet?: boolean;
}

function chartsWanted(io: CliIo, request: ChartRequest): boolean {
  return request.charts === undefined ? io.stderrIsTTY && !request.quiet : request.charts !== false;
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
  const width = stderrWidth(io) ?? 80;
  // no-color.org: NO_COLOR set to anything but the empty string turns colour off.
  const color = io.stderrIsTTY && !env.NO_COLOR;
  // One screen unless --charts all: the blank line that opens the charts counts too.
  const charts = terminalCharts(picked, {
    width,
    color,
    screenLines: request.charts === 'all' ? undefined : SCREEN_LINES - 1,
  });
  if (charts !== '') io.stderr(`\n${charts}`);
}
