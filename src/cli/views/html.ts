/** The HTML report `report --html` and `run --html` write: where it goes, checked first, then the file. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { htmlReport, type HtmlReportInput } from '../../output/views/html/report.js';
import { writeFileAtomic } from '../../output/results/folder.js';
import { UsageError } from '../process/errors.js';
import type { CliIo } from '../process/io.js';

/** The file `report --html` and `run --html` write. */
export const HTML_REPORT_FILE = 'report.html';

/**
 * The absolute path --html names (`true`: report.html in the results folder `resultsDir`, as the
 * user gave it; messages show it so). A folder that does not exist, or a path that is a folder, is
 * a usage error, found before anything is written.
 */
export function htmlTarget(io: CliIo, resultsDir: string, value: string | true): { path: string; shown: string } {
  const shown = value === true ? join(resultsDir, HTML_REPORT_FILE) : value;
  const path = resolve(io.cwd, shown);
  const folder = dirname(path);
  const shownFolder = dirname(shown);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`--html ${shown}: folder ${shownFolder} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new UsageError(`--html ${shown}: is a folder; give a file name`);
  return { path, shown };
}

/** Writes the HTML report (atomically) and says where. */
export function writeHtmlReport(io: CliIo, target: { path: string; shown: string }, input: HtmlReportInput): void {
  writeFileAtomic(target.path, htmlReport(input));
  io.stderr(`html report: ${target.shown}\n`);
}
