/**
 * What `run` and `report` show besides the table: terminal charts and the HTML report.
 *
 * Charts go to stderr, never stdout: stdout carries only what --format asks for, under every
 * combination of flags (`--format csv --charts > summary.csv` is still a clean CSV), and stderr is
 * where the other things meant for eyes (progress, the backend line) already go. They are drawn by
 * default only when stderr is a terminal and --quiet is not given; --charts draws them anyway (to
 * capture them into a file), --no-charts never. They fit one screen unless --charts all asks for
 * every one. Colour only on a terminal and without NO_COLOR.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { RunResult } from '../experiments/types.js';
import { configurationSeries, selectSeries } from '../output/charts/series.js';
import { SCREEN_LINES, terminalCharts } from '../output/charts/terminal.js';
import { htmlReport, type HtmlReportInput } from '../output/html/report.js';
import { writeFileAtomic } from '../output/results-dir.js';
import { UsageError } from './errors.js';
import { stderrWidth, type CliIo } from './io.js';

export interface ChartRequest {
  /** --charts (true), --charts all, or --no-charts (false); undefined: when stderr is a terminal. */
  charts?: boolean | 'all';
  configFilter?: string;
  quiet?: boolean;
}

/** The file `report --html` and `run --html` write. */
export const HTML_REPORT_FILE = 'report.html';

/** Checks --config-filter against the configurations' labels before anything is printed or trained. */
export function requireConfigFilter(labels: readonly string[], filter: string | undefined): void {
  const picked = selectSeries(labels.map((label) => ({ label })), filter);
  if (typeof picked === 'string') throw new UsageError(`--config-filter: ${picked}`);
}

export function chartsWanted(io: CliIo, request: ChartRequest): boolean {
  return request.charts === undefined ? io.stderrIsTTY && !request.quiet : request.charts !== false;
}

/** Draws the charts of `results` on stderr, when wanted. */
export function printCharts(io: CliIo, results: readonly RunResult[], fallbackLabel: string, request: ChartRequest): void {
  if (!chartsWanted(io, request) || results.length === 0) return;
  const env = io.env ?? process.env;
  const picked = selectSeries(configurationSeries(results, fallbackLabel), request.configFilter);
  if (typeof picked === 'string') throw new UsageError(`--config-filter: ${picked}`);
  const width = stderrWidth(io) ?? 80;
  // no-color.org: NO_COLOR set to anything but the empty string turns colour off.
  const color = io.stderrIsTTY && !env.NO_COLOR;
  // One screen unless --charts all: the blank line that opens the charts counts too.
  const charts = terminalCharts(picked, { width, color, screenLines: request.charts === 'all' ? undefined : SCREEN_LINES - 1 });
  if (charts !== '') io.stderr(`\n${charts}`);
}

/**
 * The absolute path --html names (`true`: report.html in the results folder). A folder that does
 * not exist, or a path that is a folder, is a usage error, found before anything is written.
 */
export function htmlTarget(io: CliIo, resultsFolder: string, value: string | true): { path: string; shown: string } {
  const path = value === true ? join(resultsFolder, HTML_REPORT_FILE) : resolve(io.cwd, value);
  const shown = value === true ? relative(io.cwd, path) || path : value;
  const folder = dirname(path);
  const shownFolder = value === true ? relative(io.cwd, folder) || '.' : dirname(value);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--html ${shown}: folder ${shownFolder} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--html ${shown}: is a folder; give a file name`);
  return { path, shown };
}

/** Writes the HTML report (atomically) and says where. */
export function writeHtmlReport(io: CliIo, target: { path: string; shown: string }, input: HtmlReportInput): void {
  writeFileAtomic(target.path, htmlReport(input));
  io.stderr(`html report: ${target.shown}\n`);
}
