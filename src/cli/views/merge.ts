/** What `dead-neurons merge` says on stderr once the merged folder is written. Pure. */

/** "merged 6 of 8 runs from 2 folder(s) into results/all" */
export function mergedLine(merged: number, planned: number, folders: number, out: string): string {
  return `merged ${merged} of ${planned} runs from ${folders} folder(s) into ${out}\n`;
}
