/**
 * What `dead-neurons compare <a> <b>` does: read both results folders, pair up the configurations
 * they share, print B minus A with 95% intervals. Loads no TF.js.
 */
import { resolve } from 'node:path';
import { RunError } from '../../errors.js';
import { summarizeRun } from '../../metrics/aggregate.js';
import { compareResults } from '../../output/views/compare.js';
import { differenceLines, formatComparison, type CompareFormat } from '../../output/views/compare-format.js';
import { configDifferences } from '../../output/views/config-diff.js';
import { readFinishedResults } from '../../output/results/folder.js';
import { UsageError } from '../process/errors.js';
import { stderrWrapped, stdoutWidth, type CliIo } from '../process/io.js';

export interface CompareRequest {
  format: CompareFormat;
  failOnDifference: boolean;
}

/** Labels listed in the "nothing in common" line before "...". */
const LISTED = 4;
const list = (labels: readonly string[]) =>
  labels
    .slice(0, LISTED)
    .map((label) => JSON.stringify(label))
    .join(', ') + (labels.length > LISTED ? ', ...' : '');

export function compareFolders(io: CliIo, dirA: string, dirB: string, request: CompareRequest): void {
  const [a, b] = [dirA, dirB].map((dir) => readFinishedResults(resolve(io.cwd, dir), dir));
  const comparison = compareResults(
    { name: a.resolved.name, runs: a.results.map(summarizeRun) },
    { name: b.resolved.name, runs: b.results.map(summarizeRun) },
  );
  if (comparison.shared.length === 0) {
    throw new UsageError(
      `${dirA} and ${dirB} have no configuration in common (${dirA}: ${list(comparison.onlyA)}; ${dirB}: ${list(comparison.onlyB)})`,
    );
  }
  const differences = configDifferences(a.resolved, b.resolved);
  io.stdout(
    formatComparison(comparison, { a: dirA, b: dirB }, request.format, { width: stdoutWidth(io), differences }),
  );
  // A CSV is one table: there the config differences go to stderr with the other notes.
  if (request.format === 'csv') for (const line of differenceLines(differences)) stderrWrapped(io, `${line}\n`);
  if (comparison.onlyA.length > 0) stderrWrapped(io, `only in ${dirA}, not compared: ${list(comparison.onlyA)}\n`);
  if (comparison.onlyB.length > 0) stderrWrapped(io, `only in ${dirB}, not compared: ${list(comparison.onlyB)}\n`);
  const differing = comparison.shared
    .flatMap((row) => Object.values(row.metrics))
    .filter((metric) => metric.differs).length;
  if (request.failOnDifference && differing > 0) {
    throw new RunError(`--fail-on-difference: ${differing} difference(s) whose 95% interval excludes 0`);
  }
}
