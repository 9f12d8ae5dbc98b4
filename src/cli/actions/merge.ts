/**
 * What `dead-neurons merge <dirs...> --out DIR` does: combine the folders (output/results/merge.ts
 * checks them all before writing), print the merged summary on stdout and what was merged on
 * stderr. Loads no TF.js.
 */
import { formatReport, type OutputFormat } from '../../output/views/formats.js';
import { mergeResults } from '../../output/results/merge.js';
import { stdoutWidth, type CliIo } from '../process/io.js';
import { mergedLine } from '../views/merge.js';

export interface MergeFoldersRequest {
  out: string;
  partial: boolean;
  format: OutputFormat;
}

export function mergeFolders(io: CliIo, dirs: string[], request: MergeFoldersRequest): void {
  const { report, merged, planned } = mergeResults({
    dirs,
    cwd: io.cwd,
    out: request.out,
    partial: request.partial,
    now: io.now(),
  });
  io.stdout(formatReport(report, request.format, stdoutWidth(io)));
  io.stderr(mergedLine(merged, planned, dirs.length, request.out));
}
