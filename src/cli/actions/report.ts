/**
 * What `dead-neurons report <dir>` does: read a results folder, print its summary on stdout, draw
 * the terminal charts on stderr and, with --html, write the HTML report. Every flag is checked and
 * every file read before anything is printed or written. Loads no TF.js.
 */
import { join, resolve } from 'node:path';
import { formatReport, withBaseline, type OutputFormat } from '../../output/views/formats.js';
import { FILES, readFinishedResults, readJson, reportData } from '../../output/results/folder.js';
import { configurationLabels } from '../../output/views/comparisons.js';
import { UsageError } from '../process/errors.js';
import { stdoutWidth, type CliIo } from '../process/io.js';
import { printCharts, type ChartRequest } from '../views/charts.js';
import { htmlTarget, writeHtmlReport } from '../views/html.js';
import { requireConfigFilter } from '../views/selection.js';

export interface ReportRequest extends ChartRequest {
  format: OutputFormat;
  baseline?: string;
  /** --html: a file, or true for report.html in the results folder. */
  html?: string | true;
}

export function showReport(io: CliIo, dir: string, request: ReportRequest): void {
  const folder = resolve(io.cwd, dir);
  const { resolved, results } = readFinishedResults(folder, dir);
  const manifest = request.html === undefined ? null : readJson<unknown>(join(folder, FILES.manifest));
  const html = request.html === undefined ? null : htmlTarget(io, dir, request.html);
  requireConfigFilter(configurationLabels(results, resolved.name), request.configFilter);
  if (results.length < resolved.runs.length) {
    io.stderr(`${dir}: ${results.length} of ${resolved.runs.length} runs finished; showing those\n`);
  }
  const report = withBaseline(
    reportData(resolved.name, Object.keys(resolved.sweep), results, resolved.baseline),
    request.baseline,
  );
  if (typeof report === 'string') throw new UsageError(`--baseline: ${report}`);
  io.stdout(formatReport(report, request.format, stdoutWidth(io)));
  if (html !== null) writeHtmlReport(io, html, { folder: dir, report, results, resolved, manifest });
  printCharts(io, results, resolved.name, request);
}
